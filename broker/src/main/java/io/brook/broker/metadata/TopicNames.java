package io.brook.broker.metadata;

/** Kafka's rules for topic names: 1-249 characters of [a-zA-Z0-9._-], and neither "." nor "..". */
public final class TopicNames {
    /** 255 (a file name) minus room for "-" plus a partition number and Kafka's deletion suffix. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** Why {@code name} is not a legal topic name, or null when it is. */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            return "Topic name is empty.";
        }
        if (name.equals(".") || name.equals("..")) {
            return "Topic name cannot be \".\" or \"..\".";
        }
        if (name.length() > MAX_LENGTH) {
            return "Topic name is " + name.length() + " characters; the limit is " + MAX_LENGTH + ".";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return "Topic name \"" + name + "\" contains characters other than ASCII letters, digits, '.', '_' and '-'.";
            }
        }
        return null;
    }
}
