package io.brook.broker.handler;

import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceRequest.PartitionProduceData;
import io.brook.protocol.message.ProduceRequest.TopicProduceData;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.protocol.message.ProduceResponse.TopicProduceResponse;
import io.brook.ringbuffer.AppendPipeline;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Produce (key 0), versions 3-11, advertised from 0. Behaviour: each partition's batch is checked
 * at the edge (one batch of magic 2, size against the topic's max.message.bytes, CRC-32C, offsets,
 * flags; see BatchValidator), then
 * published to the partition's append thread, which checks the idempotent producer's sequence and
 * appends; the response is sent when every partition has its outcome. The requests of one
 * connection publish in request order (ProduceSequence), so pipelined batches for a partition are
 * appended in the order they were sent. acks=1 and acks=-1 mean the same on a single node: the
 * batch is in the page cache. acks=0 gets no response; a failure then closes the connection, as
 * Kafka does, so the producer refreshes its metadata. Unknown topics are auto-created when
 * allowed. A full append ring stops reading from the connection until the batch is published.
 * Version notes: versions 0-2 are advertised because librdkafka before 2.11.1 compresses only
 * when the Produce range includes 0 (KAFKA-18659), and are answered with UNSUPPORTED_VERSION;
 * zstd batches need version 7 (UNSUPPORTED_COMPRESSION_TYPE before); per-partition error messages
 * exist from version 8.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequest> {
    private static final short ACKS_NONE = 0;
    private static final short ACKS_LEADER = 1;
    private static final short ACKS_ALL = -1;
    /** Each connection's produce requests publish in request order. */
    private static final AttributeKey<ProduceSequence> SEQUENCE = AttributeKey.valueOf("produce-sequence");

    private final ProduceServices services;

    public ProduceHandler(TopicRegistry topics, AutoTopicCreation autoCreation, ControlPlane controlPlane,
                          AppendPipeline pipeline, FetchWaiters fetchWaiters, int maxDecompressedBatchBytes) {
        this.services = new ProduceServices(topics, autoCreation, controlPlane, pipeline, fetchWaiters, maxDecompressedBatchBytes);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    @Override
    public short minVersion() {
        return 3;
    }

    @Override
    public short maxVersion() {
        return 11;
    }

    @Override
    public short advertisedMinVersion() {
        return 0;
    }

    @Override
    public void handle(RequestContext context, ProduceRequest request) {
        short acks = request.acks();
        if (acks != ACKS_NONE && acks != ACKS_LEADER && acks != ACKS_ALL) {
            fail(context, request, ErrorCode.INVALID_REQUIRED_ACKS);
            return;
        }
        ProduceSequence sequence = context.connectionState(SEQUENCE, () -> {
            ProduceSequence created = new ProduceSequence();
            context.onConnectionClose(created::abandonAll);
            return created;
        });
        sequence.submit(new ProduceRequestAppends(context, request, services, acks == ACKS_NONE));
    }

    /** Kafka never answers acks=0; it closes the connection so that the producer notices and refreshes its metadata. */
    @Override
    public void fail(RequestContext context, ProduceRequest request, ErrorCode error) {
        if (request != null && request.acks() == ACKS_NONE) {
            context.closeConnection("a produce request with acks=0 failed: " + error);
        } else {
            context.respond(errorResponse(request, error));
        }
    }

    @Override
    public ApiMessage errorResponse(ProduceRequest request, ErrorCode error) {
        ProduceResponse response = new ProduceResponse();
        if (request == null) {
            return response;
        }
        for (TopicProduceData topicData : request.topicData()) {
            List<PartitionProduceResponse> partitions = new ArrayList<>();
            for (PartitionProduceData partitionData : topicData.partitionData()) {
                partitions.add(new PartitionProduceResponse().setIndex(partitionData.index())
                        .setErrorCode(error.code()).setBaseOffset(-1));
            }
            response.responses().add(new TopicProduceResponse().setName(topicData.name()).setTopicId(topicData.topicId())
                    .setPartitionResponses(partitions));
        }
        return response;
    }
}
