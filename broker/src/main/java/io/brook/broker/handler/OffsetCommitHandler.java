package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.OffsetCommitParams;
import io.brook.broker.group.OffsetCommitParams.PartitionOffset;
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
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * OffsetCommit (key 8), versions 2-9. Behaviour: the coordinator checks the member and generation
 * by Kafka's rules (generation -1 and no member id commit for an empty group or a group that only
 * stores offsets), writes the offsets to the group log and answers once they are there; each
 * partition gets its own error. Version notes: versions 2-4 carry a retention time that overrides
 * offsets.retention.minutes for these offsets; version 6 adds the leader epoch; version 7 the
 * group instance id; from version 9 an unknown group with a generation gets GROUP_ID_NOT_FOUND
 * instead of ILLEGAL_GENERATION. Version 10 names topics by id and is not served.
 */
public final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequest> {
    private final GroupCoordinator coordinator;

    public OffsetCommitHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
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
        List<PartitionOffset> partitions = new ArrayList<>();
        for (OffsetCommitRequestTopic topic : request.topics()) {
            for (OffsetCommitRequestPartition partition : topic.partitions()) {
                partitions.add(new PartitionOffset(topic.name(), partition.partitionIndex(), partition.committedOffset(),
                        partition.committedLeaderEpoch(), partition.committedMetadata()));
            }
        }
        OffsetCommitParams params = new OffsetCommitParams(request.groupId(), request.generationIdOrMemberEpoch(), request.memberId(),
                request.groupInstanceId(), request.retentionTimeMs(), partitions);
        coordinator.commitOffsets(params, context.apiVersion(), errors -> context.respond(response(request, errors.iterator())));
    }

    /** The response in the request's shape, taking one error per partition from {@code errors}. */
    private static OffsetCommitResponse response(OffsetCommitRequest request, Iterator<ErrorCode> errors) {
        OffsetCommitResponse response = new OffsetCommitResponse();
        for (OffsetCommitRequestTopic topic : request.topics()) {
            List<OffsetCommitResponsePartition> partitions = new ArrayList<>(topic.partitions().size());
            for (OffsetCommitRequestPartition partition : topic.partitions()) {
                partitions.add(new OffsetCommitResponsePartition().setPartitionIndex(partition.partitionIndex())
                        .setErrorCode(errors.next().code()));
            }
            response.topics().add(new OffsetCommitResponseTopic().setName(topic.name()).setPartitions(partitions));
        }
        return response;
    }

    @Override
    public ApiMessage errorResponse(OffsetCommitRequest request, ErrorCode error) {
        if (request == null) {
            return new OffsetCommitResponse();
        }
        return response(request, Stream.generate(() -> error).iterator());
    }
}
