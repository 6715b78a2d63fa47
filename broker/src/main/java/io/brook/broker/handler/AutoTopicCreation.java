package io.brook.broker.handler;

import io.brook.broker.metadata.TopicNames;
import io.brook.broker.metadata.TopicRegistry;
import java.io.IOException;
import java.util.Collection;

/**
 * Kafka's {@code auto.create.topics.enable}: a topic a client asks metadata for, or produces to,
 * comes into being with {@code num.partitions} partitions if it has a legal name that is not one of
 * the broker's own logs'.
 */
public final class AutoTopicCreation {
    private final TopicRegistry topics;
    private final boolean enabled;
    private final int numPartitions;

    public AutoTopicCreation(TopicRegistry topics, boolean enabled, int numPartitions) {
        this.topics = topics;
        this.enabled = enabled;
        this.numPartitions = numPartitions;
    }

    /** True when {@code name} is missing and would be created (the client allowing it too). */
    boolean wouldCreate(String name, boolean clientAllows) {
        return enabled && clientAllows && topics.get(name) == null && TopicNames.validate(name) == null && !topics.isInternal(name);
    }

    /** Creates each missing topic; a topic created meanwhile by someone else is fine. Blocks on disk I/O. */
    void create(Collection<String> names) throws IOException {
        for (String name : names) {
            topics.create(name, numPartitions);
        }
    }
}
