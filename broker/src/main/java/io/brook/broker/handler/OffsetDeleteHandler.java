package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.GroupCoordinator.TopicPartitions;
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
import java.util.List;

/**
 * OffsetDelete (key 47), version 0. Behaviour: deletes a group's committed offsets for the given
 * partitions. An unknown group is GROUP_ID_NOT_FOUND; a group with members deletes only offsets
 * of topics no member subscribes to (GROUP_SUBSCRIBED_TO_TOPIC for the others), and a non-consumer
 * group with members is NON_EMPTY_GROUP.
 */
public final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequest> {
    private final GroupCoordinator coordinator;

    public OffsetDeleteHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
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
        List<TopicPartitions> requested = new ArrayList<>();
        for (OffsetDeleteRequestTopic topic : request.topics()) {
            List<Integer> partitions = new ArrayList<>(topic.partitions().size());
            for (OffsetDeleteRequestPartition partition : topic.partitions()) {
                partitions.add(partition.partitionIndex());
            }
            requested.add(new TopicPartitions(topic.name(), partitions));
        }
        coordinator.deleteOffsets(request.groupId(), requested, outcome -> {
            OffsetDeleteResponse response = new OffsetDeleteResponse().setErrorCode(outcome.error().code());
            if (outcome.error() == ErrorCode.NONE) {
                addPartitions(response, request, outcome.partitionErrors().iterator());
            }
            context.respond(response);
        });
    }

    private static void addPartitions(OffsetDeleteResponse response, OffsetDeleteRequest request, Iterator<ErrorCode> errors) {
        for (OffsetDeleteRequestTopic topic : request.topics()) {
            List<OffsetDeleteResponsePartition> partitions = new ArrayList<>(topic.partitions().size());
            for (OffsetDeleteRequestPartition partition : topic.partitions()) {
                partitions.add(new OffsetDeleteResponsePartition().setPartitionIndex(partition.partitionIndex())
                        .setErrorCode(errors.next().code()));
            }
            response.topics().add(new OffsetDeleteResponseTopic().setName(topic.name()).setPartitions(partitions));
        }
    }

    @Override
    public ApiMessage errorResponse(OffsetDeleteRequest request, ErrorCode error) {
        return new OffsetDeleteResponse().setErrorCode(error.code());
    }
}
