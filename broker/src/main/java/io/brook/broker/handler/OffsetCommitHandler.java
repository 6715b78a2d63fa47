package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.OffsetCommitParams;
import io.brook.broker.group.OffsetCommitParams.PartitionOffset;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.OffsetCommitRequest;
import io.brook.protocol.message.OffsetCommitRequest.OffsetCommitRequestPartition;
import io.brook.protocol.message.OffsetCommitRequest.OffsetCommitRequestTopic;
import io.brook.protocol.message.OffsetCommitResponse;
import io.brook.protocol.message.OffsetCommitResponse.OffsetCommitResponsePartition;
import io.brook.protocol.message.OffsetCommitResponse.OffsetCommitResponseTopic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OffsetCommit (key 8), versions 2-9. Behaviour: as in Kafka, partitions of unknown topics, and
 * unknown partitions, get UNKNOWN_TOPIC_OR_PARTITION first, without the group being consulted
 * (when no partition is left, the group is not even validated); the coordinator checks the member
 * and generation of the rest by Kafka's rules (generation -1 and no member id commit for an empty
 * group or a group that only stores offsets; an empty group id is a group like any other, as Kafka
 * keeps it for old clients), writes the offsets to the group log and answers once they are there;
 * each partition gets its own error. The response lists the refused partitions first, then the
 * coordinator's, merged per topic, in Kafka's order. Version notes: versions 2-4 carry a retention
 * time that overrides offsets.retention.minutes for these offsets; version 6 adds the leader
 * epoch; version 7 the group instance id; from version 9 an unknown group with a generation gets
 * GROUP_ID_NOT_FOUND instead of ILLEGAL_GENERATION. Version 10 names topics by id and is not
 * served.
 */
public final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequest> {
    private final GroupCoordinator coordinator;
    private final TopicRegistry topics;

    public OffsetCommitHandler(GroupCoordinator coordinator, TopicRegistry topics) {
        this.coordinator = coordinator;
        this.topics = topics;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_COMMIT;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public void handle(RequestContext context, OffsetCommitRequest request) {
        ResponseBuilder response = new ResponseBuilder();
        List<PartitionOffset> partitions = new ArrayList<>();
        for (OffsetCommitRequestTopic requested : request.topics()) {
            Topic topic = topics.get(requested.name());
            for (OffsetCommitRequestPartition partition : requested.partitions()) {
                if (topic == null || topic.partition(partition.partitionIndex()) == null) {
                    response.add(requested.name(), partition.partitionIndex(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                } else {
                    partitions.add(new PartitionOffset(requested.name(), partition.partitionIndex(), partition.committedOffset(),
                            partition.committedLeaderEpoch(), partition.committedMetadata()));
                }
            }
        }
        if (partitions.isEmpty()) {
            context.respond(response.build());
            return;
        }
        OffsetCommitParams params = new OffsetCommitParams(request.groupId(), request.generationIdOrMemberEpoch(), request.memberId(),
                request.groupInstanceId(), request.retentionTimeMs(), partitions);
        coordinator.commitOffsets(params, context.apiVersion(), errors -> {
            for (int i = 0; i < partitions.size(); i++) {
                response.add(partitions.get(i).topic(), partitions.get(i).partition(), errors.get(i));
            }
            context.respond(response.build());
        });
    }

    /** Partitions' errors by topic, topics in the order they are first added (Kafka's OffsetCommitResponse.Builder). */
    private static final class ResponseBuilder {
        private final Map<String, OffsetCommitResponseTopic> byName = new LinkedHashMap<>();

        void add(String topic, int partition, ErrorCode error) {
            byName.computeIfAbsent(topic, name -> new OffsetCommitResponseTopic().setName(name)).partitions()
                    .add(new OffsetCommitResponsePartition().setPartitionIndex(partition).setErrorCode(error.code()));
        }

        OffsetCommitResponse build() {
            return new OffsetCommitResponse().setTopics(new ArrayList<>(byName.values()));
        }
    }

    @Override
    public ApiMessage errorResponse(OffsetCommitRequest request, ErrorCode error) {
        ResponseBuilder response = new ResponseBuilder();
        if (request != null) {
            for (OffsetCommitRequestTopic topic : request.topics()) {
                for (OffsetCommitRequestPartition partition : topic.partitions()) {
                    response.add(topic.name(), partition.partitionIndex(), error);
                }
            }
        }
        return response.build();
    }
}
