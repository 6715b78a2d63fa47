package io.brook.broker.handler;

import io.brook.broker.metadata.LeaderEpoch;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.log.OffsetAndTimestamp;
import io.brook.log.PartitionLog;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ListOffsetsRequest;
import io.brook.protocol.message.ListOffsetsRequest.ListOffsetsPartition;
import io.brook.protocol.message.ListOffsetsRequest.ListOffsetsTopic;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import io.brook.protocol.message.ListOffsetsResponse.ListOffsetsTopicResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * ListOffsets (key 2), versions 1-7. Behaviour: timestamp -2 gives the log start offset, -1 the
 * log end offset, -3 the record with the largest timestamp; any other timestamp gives the first
 * record whose timestamp is at or after it, or offset -1 when there is none (error NONE, as Kafka
 * answers). Lookups by timestamp read the segment files, so they run on the control plane;
 * earliest and latest are answered on the event loop.
 * Version notes: -3 exists from version 7; the leader epoch is reported from version 4.
 */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequest> {
    private static final long EARLIEST_TIMESTAMP = -2;
    private static final long LATEST_TIMESTAMP = -1;
    private static final long MAX_TIMESTAMP = -3;
    private static final short FIRST_VERSION_WITH_LEADER_EPOCH = 4;
    private static final short FIRST_VERSION_WITH_MAX_TIMESTAMP = 7;
    private static final long UNKNOWN = -1;

    private final TopicRegistry topics;
    private final ControlPlane controlPlane;

    public ListOffsetsHandler(TopicRegistry topics, ControlPlane controlPlane) {
        this.topics = topics;
        this.controlPlane = controlPlane;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 7;
    }

    @Override
    public void handle(RequestContext context, ListOffsetsRequest request) {
        short version = context.apiVersion();
        if (onlyLogBounds(request)) {
            context.respond(lookUp(request, version));
        } else {
            controlPlane.submit(context, this, request, r -> lookUp(r, version));
        }
    }

    /** Earliest and latest are in memory: consumers asking only for them need not queue behind disk reads. */
    private static boolean onlyLogBounds(ListOffsetsRequest request) {
        for (ListOffsetsTopic topic : request.topics()) {
            for (ListOffsetsPartition partition : topic.partitions()) {
                if (partition.timestamp() != EARLIEST_TIMESTAMP && partition.timestamp() != LATEST_TIMESTAMP) {
                    return false;
                }
            }
        }
        return true;
    }

    private ListOffsetsResponse lookUp(ListOffsetsRequest request, short version) {
        List<ListOffsetsTopicResponse> responses = new ArrayList<>();
        for (ListOffsetsTopic requested : request.topics()) {
            Topic topic = topics.get(requested.name());
            List<ListOffsetsPartitionResponse> partitions = new ArrayList<>();
            for (ListOffsetsPartition partition : requested.partitions()) {
                PartitionLog log = topic == null ? null : topic.partition(partition.partitionIndex());
                partitions.add(lookUp(log, partition, version));
            }
            responses.add(new ListOffsetsTopicResponse().setName(requested.name()).setPartitions(partitions));
        }
        return new ListOffsetsResponse().setTopics(responses);
    }

    private static ListOffsetsPartitionResponse lookUp(PartitionLog log, ListOffsetsPartition partition, short version) {
        ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse().setPartitionIndex(partition.partitionIndex());
        if (log == null) {
            return response.setErrorCode(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        ErrorCode epochError = LeaderEpoch.check(partition.currentLeaderEpoch());
        if (epochError != ErrorCode.NONE) {
            return response.setErrorCode(epochError.code());
        }
        long timestamp = partition.timestamp();
        OffsetAndTimestamp found;
        if (timestamp == EARLIEST_TIMESTAMP) {
            found = new OffsetAndTimestamp(log.logStartOffset(), UNKNOWN);
        } else if (timestamp == LATEST_TIMESTAMP) {
            found = new OffsetAndTimestamp(log.logEndOffset(), UNKNOWN);
        } else if (timestamp == MAX_TIMESTAMP && version >= FIRST_VERSION_WITH_MAX_TIMESTAMP) {
            found = log.offsetOfMaxTimestamp();
        } else if (timestamp < 0) {
            return response.setErrorCode(ErrorCode.UNSUPPORTED_VERSION.code());
        } else {
            found = log.offsetForTimestamp(timestamp);
        }
        if (found == null) {
            return response.setErrorCode(ErrorCode.NONE.code()).setOffset(UNKNOWN).setTimestamp(UNKNOWN);
        }
        response.setErrorCode(ErrorCode.NONE.code()).setOffset(found.offset()).setTimestamp(found.timestamp());
        if (version >= FIRST_VERSION_WITH_LEADER_EPOCH) {
            response.setLeaderEpoch(LeaderEpoch.CURRENT);
        }
        return response;
    }

    @Override
    public ApiMessage errorResponse(ListOffsetsRequest request, ErrorCode error) {
        ListOffsetsResponse response = new ListOffsetsResponse();
        if (request == null) {
            return response;
        }
        for (ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsPartitionResponse> partitions = new ArrayList<>();
            for (ListOffsetsPartition partition : topic.partitions()) {
                partitions.add(new ListOffsetsPartitionResponse().setPartitionIndex(partition.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(partitions));
        }
        return response;
    }
}
