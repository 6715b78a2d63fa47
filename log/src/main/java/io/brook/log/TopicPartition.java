package io.brook.log;

/** A partition of a topic, named on disk {@code <topic>-<partition>} as Kafka names its partition directories. */
public record TopicPartition(String topic, int partition) {
    public TopicPartition {
        if (partition < 0) {
            throw new IllegalArgumentException("negative partition " + partition + " of topic " + topic);
        }
    }

    public String directoryName() {
        return topic + "-" + partition;
    }

    /** Parses a partition directory name; null when the name is not {@code <topic>-<non-negative int>}. */
    public static TopicPartition fromDirectoryName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return null;
        }
        String number = name.substring(dash + 1);
        for (int i = 0; i < number.length(); i++) {
            if (!Character.isDigit(number.charAt(i))) {
                return null;
            }
        }
        try {
            return new TopicPartition(name.substring(0, dash), Integer.parseInt(number));
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    @Override
    public String toString() {
        return directoryName();
    }
}
