package io.brook.broker.handler;

import io.brook.broker.config.ConfigKey;

/** What the config APIs (DescribeConfigs, AlterConfigs, IncrementalAlterConfigs) share: Kafka's resource and type ids. */
final class ConfigResources {
    /** Kafka's {@code ConfigResource.Type} id of a topic. */
    static final byte TOPIC = 2;
    /** Kafka's {@code ConfigResource.Type} id of a broker; the name is its node id, or empty for the cluster-wide defaults. */
    static final byte BROKER = 4;

    private ConfigResources() {
    }

    /** Kafka's {@code DescribeConfigsResponse.ConfigType} id of a setting's type. */
    static byte typeId(ConfigKey.Type type) {
        return switch (type) {
            case BOOLEAN -> 1;
            case STRING -> 2;
            case INT -> 3;
            case SHORT -> 4;
            case LONG -> 5;
            case LIST -> 7;
        };
    }

    /** Kafka's answer for an unknown topic in the config APIs. */
    static String unknownTopic(String name) {
        return "The topic '" + name + "' does not exist.";
    }
}
