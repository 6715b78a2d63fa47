package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.GroupCoordinator.TopicPartitions;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.OffsetDeleteRequest;
import io.brook.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestPartition;
import io.brook.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestTopic;
import io.brook.protocol.message.OffsetDeleteResponse;
import io.brook.protocol.message.OffsetDeleteResponse.OffsetDeleteResponsePartition;
import io.brook.protocol.message.OffsetDeleteResponse.OffsetDeleteResponseTopic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OffsetDelete (key 47), version 0. Behaviour: deletes a group's committed offsets for the given
 * partitions. As in Kafka, partitions of unknown topics, and unknown partitions, get
 * UNKNOWN_TOPIC_OR_PARTITION without the group being consulted, listed first; then the
 * coordinator's answer for the rest: an unknown group is GROUP_ID_NOT_FOUND and the empty group
 * id INVALID_GROUP_ID (for the whole request, without partitions); a group with members deletes
 * only offsets of topics no member subscribes to (GROUP_SUBSCRIBED_TO_TOPIC for the others), and
 * a non-consumer group with members is NON_EMPTY_GROUP.
 */
public final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequest> {
    private final GroupCoordinator coordinator;
    private final TopicRegistry topics;

    public OffsetDeleteHandler(GroupCoordinator coordinator, TopicRegistry topics) {
        this.coordinator = coordinator;
        this.topics = topics;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_DELETE;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public void handle(RequestContext context, OffsetDeleteRequest request) {
        Map<String, OffsetDeleteResponseTopic> response = new LinkedHashMap<>();
        List<TopicPartitions> requested = new ArrayList<>();
        for (OffsetDeleteRequestTopic requestedTopic : request.topics()) {
            Topic topic = topics.get(requestedTopic.name());
            List<Integer> partitions = new ArrayList<>(requestedTopic.partitions().size());
            for (OffsetDeleteRequestPartition partition : requestedTopic.partitions()) {
                if (topic == null || topic.partition(partition.partitionIndex()) == null) {
                    add(response, requestedTopic.name(), partition.partitionIndex(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                } else {
                    partitions.add(partition.partitionIndex());
                }
            }
            if (!partitions.isEmpty()) {
                requested.add(new TopicPartitions(requestedTopic.name(), partitions));
            }
        }
        coordinator.deleteOffsets(request.groupId(), requested, outcome -> {
            if (outcome.error() != ErrorCode.NONE) {
                context.respond(new OffsetDeleteResponse().setErrorCode(outcome.error().code()));
                return;
            }
            Iterator<ErrorCode> errors = outcome.partitionErrors().iterator();
            for (TopicPartitions topic : requested) {
                for (int partition : topic.partitions()) {
                    add(response, topic.topic(), partition, errors.next());
                }
            }
            context.respond(new OffsetDeleteResponse().setTopics(new ArrayList<>(response.values())));
        });
    }

    /** Adds a partition's error under its topic, topics in the order first added (Kafka's OffsetDeleteResponse.Builder). */
    private static void add(Map<String, OffsetDeleteResponseTopic> response, String topic, int partition, ErrorCode error) {
        response.computeIfAbsent(topic, name -> new OffsetDeleteResponseTopic().setName(name)).partitions()
                .add(new OffsetDeleteResponsePartition().setPartitionIndex(partition).setErrorCode(error.code()));
    }

    @Override
    public ApiMessage errorResponse(OffsetDeleteRequest request, ErrorCode error) {
        return new OffsetDeleteResponse().setErrorCode(error.code());
    }
}
