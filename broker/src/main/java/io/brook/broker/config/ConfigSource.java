package io.brook.broker.config;

/**
 * Where a described setting's value comes from, with the ids of Kafka's
 * {@code DescribeConfigsResponse.ConfigSource}. This broker has no dynamic broker settings, so
 * only these three occur.
 */
public enum ConfigSource {
    /** A topic's own setting (Kafka's TOPIC_CONFIG, shown by clients as DYNAMIC_TOPIC_CONFIG). */
    DYNAMIC_TOPIC_CONFIG(1),
    /** Set in server.properties or by a command-line override. */
    STATIC_BROKER_CONFIG(4),
    /** The built-in default. */
    DEFAULT_CONFIG(5);

    private final byte id;

    ConfigSource(int id) {
        this.id = (byte) id;
    }

    public byte id() {
        return id;
    }
}
