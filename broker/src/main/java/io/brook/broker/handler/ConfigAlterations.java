package io.brook.broker.handler;

import io.brook.broker.config.ConfigException;
import io.brook.broker.config.TopicConfigs;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What AlterConfigs and IncrementalAlterConfigs share: finding the resource, checking the topic's
 * new settings, and storing and applying them unless only asked to validate. Topics only: the
 * broker's settings are static (server.properties), so altering them is refused as Kafka refuses
 * a static setting, with INVALID_REQUEST "Cannot update these configs dynamically". Runs on the
 * control plane.
 */
final class ConfigAlterations {
    private final TopicRegistry topics;
    private final TopicConfigs topicConfigs;

    ConfigAlterations(TopicRegistry topics, TopicConfigs topicConfigs) {
        this.topics = topics;
        this.topicConfigs = topicConfigs;
    }

    /** How one resource's alteration ended. */
    record Outcome(ErrorCode error, String message) {
        static final Outcome DONE = new Outcome(ErrorCode.NONE, null);
    }

    /** A change the request asks for that cannot be made: the error and Kafka's message. */
    static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;
        private final ErrorCode error;

        Rejection(ErrorCode error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        ErrorCode error() {
            return error;
        }
    }

    /** A topic's new overrides, given its current ones; throws Rejection when the request cannot be applied. */
    @FunctionalInterface
    interface Change {
        Map<String, String> apply(Map<String, String> current) throws Rejection;
    }

    /** The resources named more than once in a request, as "type/name". */
    static Set<String> duplicates(Collection<String> resourceKeys) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (String key : resourceKeys) {
            if (!seen.add(key)) {
                duplicates.add(key);
            }
        }
        return duplicates;
    }

    static String resourceKey(byte type, String name) {
        return type + "/" + name;
    }

    /** Refuses a request that names one setting twice, with Kafka's message. */
    static void checkNoDuplicateNames(List<String> names) throws Rejection {
        if (new HashSet<>(names).size() < names.size()) {
            throw new Rejection(ErrorCode.INVALID_REQUEST, "Error due to duplicate config keys");
        }
    }

    /** Kafka's refusal of a null value where one is needed. */
    static Rejection nullValue(String name) {
        return new Rejection(ErrorCode.INVALID_REQUEST, "Null value not supported for : " + name);
    }

    /**
     * Alters one resource: for a topic, {@code change} gives its new overrides, which are checked
     * and, unless {@code validateOnly}, stored and applied to every partition at once. {@code names}
     * are the settings the request names, for the refusal of broker resources. Blocks on disk I/O.
     */
    Outcome alter(byte resourceType, String resourceName, List<String> names, Change change, boolean validateOnly) throws IOException {
        if (resourceType == ConfigResources.BROKER) {
            return new Outcome(ErrorCode.INVALID_REQUEST, "Cannot update these configs dynamically: " + names
                    + ". This broker takes its settings from server.properties at start-up only.");
        }
        if (resourceType != ConfigResources.TOPIC) {
            return new Outcome(ErrorCode.INVALID_REQUEST, "This broker alters topics (resource type 2) only, not resource type "
                    + resourceType + ".");
        }
        Topic topic = topics.get(resourceName);
        if (topic == null) {
            return new Outcome(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ConfigResources.unknownTopic(resourceName));
        }
        Map<String, String> overrides;
        try {
            overrides = topicConfigs.validate(change.apply(topics.overrides(topic)));
        } catch (Rejection e) {
            return new Outcome(e.error(), e.getMessage());
        } catch (ConfigException e) {
            return new Outcome(ErrorCode.INVALID_CONFIG, e.getMessage());
        }
        if (!validateOnly && !topics.alterOverrides(topic, overrides)) {
            return new Outcome(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ConfigResources.unknownTopic(resourceName));
        }
        return Outcome.DONE;
    }

    /** The setting names of a request's configs, in order. */
    static <T> List<String> names(List<T> configs, Function<T, String> name) {
        List<String> names = new ArrayList<>();
        for (T config : configs) {
            names.add(name.apply(config));
        }
        return names;
    }
}
