package io.brook.broker.handler;

import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicNames;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.log.PartitionLog;
import io.brook.log.append.BatchRejection;
import io.brook.log.append.BatchValidator;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceRequest.PartitionProduceData;
import io.brook.protocol.message.ProduceRequest.TopicProduceData;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.protocol.message.ProduceResponse.TopicProduceResponse;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.wire.ByteBufRecords;
import io.brook.ringbuffer.AppendPipeline;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Produce (key 0), versions 3-11, advertised from 0. Behaviour: each partition's batch is checked
 * at the edge (one batch of magic 2, size, CRC-32C, offsets, flags; see BatchValidator), then
 * published to the partition's append thread, which checks the idempotent producer's sequence and
 * appends; the response is sent when every partition has its outcome. acks=1 and acks=-1 mean the
 * same on a single node: the batch is in the page cache. acks=0 gets no response; a failure then
 * closes the connection, as Kafka does, so the producer refreshes its metadata. Unknown topics are
 * auto-created when allowed. A full append ring stops reading from the connection until the
 * batch is published.
 * Version notes: versions 0-2 are advertised because librdkafka before 2.11.1 compresses only
 * when the Produce range includes 0 (KAFKA-18659), and are answered with UNSUPPORTED_VERSION;
 * per-partition error messages exist from version 8.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequest> {
    private static final System.Logger LOG = System.getLogger(ProduceHandler.class.getName());
    private static final short ACKS_NONE = 0;
    private static final short ACKS_LEADER = 1;
    private static final short ACKS_ALL = -1;

    private final TopicRegistry topics;
    private final AutoTopicCreation autoCreation;
    private final ControlPlane controlPlane;
    private final AppendPipeline pipeline;
    private final int messageMaxBytes;

    public ProduceHandler(TopicRegistry topics, AutoTopicCreation autoCreation, ControlPlane controlPlane,
                          AppendPipeline pipeline, int messageMaxBytes) {
        this.topics = topics;
        this.autoCreation = autoCreation;
        this.controlPlane = controlPlane;
        this.pipeline = pipeline;
        this.messageMaxBytes = messageMaxBytes;
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
            context.respond(errorResponse(request, ErrorCode.INVALID_REQUIRED_ACKS));
            return;
        }
        Set<String> toCreate = new LinkedHashSet<>();
        for (TopicProduceData topic : request.topicData()) {
            if (autoCreation.wouldCreate(topic.name(), true)) {
                toCreate.add(topic.name());
            }
        }
        if (toCreate.isEmpty()) {
            append(context, request);
            return;
        }
        controlPlane.execute(() -> {
            try {
                autoCreation.create(toCreate);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "Could not auto-create topics " + toCreate + " for a produce request.", e);
            }
            context.eventLoop().execute(() -> append(context, request));
        });
    }

    /** Validates every partition's batch and publishes the valid ones; on the event loop. */
    private void append(RequestContext context, ProduceRequest request) {
        ProduceResponse response = new ProduceResponse();
        ProduceRequestAppends appends = new ProduceRequestAppends(context, response, pipeline, request.acks() == ACKS_NONE);
        RecordBatchView view = new RecordBatchView();
        for (TopicProduceData topicData : request.topicData()) {
            TopicProduceResponse topicResponse = new TopicProduceResponse().setName(topicData.name());
            response.responses().add(topicResponse);
            Topic topic = topics.get(topicData.name());
            for (PartitionProduceData partitionData : topicData.partitionData()) {
                PartitionProduceResponse partitionResponse = new PartitionProduceResponse().setIndex(partitionData.index());
                topicResponse.partitionResponses().add(partitionResponse);
                PartitionLog log = topic == null ? null : topic.partition(partitionData.index());
                if (log == null) {
                    rejectMissingPartition(appends, partitionResponse, topicData.name(), partitionData.index());
                    continue;
                }
                ByteBufRecords records = (ByteBufRecords) partitionData.records();
                if (records == null) {
                    appends.reject(partitionResponse, ErrorCode.CORRUPT_MESSAGE, "The partition's records are null.");
                    continue;
                }
                BatchRejection rejection = BatchValidator.validateProduced(records.buffer(), messageMaxBytes, view);
                if (rejection != null) {
                    appends.reject(partitionResponse, rejection.error(), rejection.message());
                    continue;
                }
                appends.add(log, records.buffer(), partitionResponse);
            }
        }
        appends.publish();
    }

    private static void rejectMissingPartition(ProduceRequestAppends appends, PartitionProduceResponse response,
                                               String topic, int partition) {
        String invalidName = TopicNames.validate(topic);
        if (invalidName != null) {
            appends.reject(response, ErrorCode.INVALID_TOPIC_EXCEPTION, invalidName);
        } else {
            appends.reject(response, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                    "This broker has no partition " + partition + " of topic " + topic + ".");
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
