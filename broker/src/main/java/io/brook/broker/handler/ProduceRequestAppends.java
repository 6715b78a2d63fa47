package io.brook.broker.handler;

import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicNames;
import io.brook.compression.CompressionType;
import io.brook.log.LogConfig;
import io.brook.log.PartitionLog;
import io.brook.log.append.AppendResult;
import io.brook.log.append.BatchRejection;
import io.brook.log.append.BatchValidator;
import io.brook.log.append.CompressedRecords;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceRequest.PartitionProduceData;
import io.brook.protocol.message.ProduceRequest.TopicProduceData;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.protocol.message.ProduceResponse.TopicProduceResponse;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.wire.ByteBufRecords;
import io.brook.ringbuffer.AppendCompletion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The appends of one produce request, as a step of its connection's {@link ProduceSequence}:
 * create missing topics (on the control plane), check each partition's batch, publish the valid
 * ones to their append threads, and finish the request when the last outcome arrives.
 *
 * <p>Thread-safety: advanced on the event loop; outcomes arrive on append threads, each writing
 * only its own partition's response entry; the last one (counted atomically) finishes.
 */
final class ProduceRequestAppends implements ProduceSequence.Step {
    private static final System.Logger LOG = System.getLogger(ProduceRequestAppends.class.getName());
    private static final long RING_FULL_RETRY_MS = 1;
    /** zstd needs Produce version 7 (KIP-110); older clients cannot read it back either. */
    private static final short FIRST_VERSION_WITH_ZSTD = 7;

    private enum State { NEW, CREATING_TOPICS, TOPICS_READY, PUBLISHING }

    private final RequestContext context;
    private final ProduceRequest request;
    private final ProduceServices services;
    private final boolean acksNone;
    private final ProduceResponse response = new ProduceResponse();
    private final List<PartitionAppend> appends = new ArrayList<>();
    /** Outstanding appends, plus one held while publishing until every batch is published. */
    private final AtomicInteger outstanding = new AtomicInteger(1);
    private volatile String firstError;
    private State state = State.NEW;
    private int published;
    private boolean readingPaused;

    ProduceRequestAppends(RequestContext context, ProduceRequest request, ProduceServices services, boolean acksNone) {
        this.context = context;
        this.request = request;
        this.services = services;
        this.acksNone = acksNone;
    }

    @Override
    public boolean advance(ProduceSequence sequence) {
        switch (state) {
            case NEW -> {
                if (createMissingTopics(sequence)) {
                    return false;
                }
                validate();
            }
            case CREATING_TOPICS -> {
                return false;
            }
            case TOPICS_READY -> validate();
            case PUBLISHING -> { }
        }
        return publish(sequence);
    }

    /** True when topics are being created and the sequence will be driven again afterwards. */
    private boolean createMissingTopics(ProduceSequence sequence) {
        Set<String> toCreate = new LinkedHashSet<>();
        for (TopicProduceData topic : request.topicData()) {
            if (services.autoCreation().wouldCreate(topic.name(), true)) {
                toCreate.add(topic.name());
            }
        }
        if (toCreate.isEmpty()) {
            return false;
        }
        try {
            services.controlPlane().execute(() -> {
                try {
                    services.autoCreation().create(toCreate);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.ERROR, "Could not auto-create topics " + toCreate + " for a produce request.", e);
                }
                try {
                    context.eventLoop().execute(() -> {
                        state = State.TOPICS_READY;
                        sequence.drive();
                    });
                } catch (RejectedExecutionException stopping) {
                    // The broker is stopping: the connection and its sequence are gone with the event loop.
                }
            });
        } catch (RejectedExecutionException busy) {
            LOG.log(Level.WARNING, "The control plane is full; topics {0} are not auto-created.", toCreate);
            return false;
        }
        state = State.CREATING_TOPICS;
        return true;
    }

    /** Builds the response skeleton and checks every partition's batch; valid ones are queued for publishing. */
    private void validate() {
        state = State.PUBLISHING;
        RecordBatchView view = new RecordBatchView();
        for (TopicProduceData topicData : request.topicData()) {
            TopicProduceResponse topicResponse = new TopicProduceResponse().setName(topicData.name());
            response.responses().add(topicResponse);
            Topic topic = services.topics().get(topicData.name());
            for (PartitionProduceData partitionData : topicData.partitionData()) {
                PartitionProduceResponse partitionResponse = new PartitionProduceResponse().setIndex(partitionData.index());
                topicResponse.partitionResponses().add(partitionResponse);
                PartitionLog log = topic == null ? null : topic.partition(partitionData.index());
                if (log == null) {
                    rejectMissingPartition(partitionResponse, topicData.name(), partitionData.index());
                    continue;
                }
                ByteBufRecords records = (ByteBufRecords) partitionData.records();
                BatchRejection rejection = records == null
                        ? new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "The partition's records are null.")
                        : BatchValidator.validateProduced(records.buffer(), log.config().maxMessageBytes(),
                                services.maxDecompressedBatchBytes(), view);
                if (rejection == null && view.compressionId() == CompressionType.ZSTD.id() && context.apiVersion() < FIRST_VERSION_WITH_ZSTD) {
                    rejection = new BatchRejection(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, "zstd needs Produce version 7 or later.");
                }
                if (rejection != null) {
                    reject(partitionResponse, rejection.error(), rejection.message());
                    continue;
                }
                CompressedRecords.Outcome<ByteBuf> stored = inTopicsCodec(log, records.buffer(), view);
                if (stored.rejection() != null) {
                    reject(partitionResponse, stored.rejection().error(), stored.rejection().message());
                    continue;
                }
                appends.add(new PartitionAppend(log, stored.result(), partitionResponse));
                outstanding.incrementAndGet();
            }
        }
    }

    /**
     * The batch to append, owned by the caller: a slice of the request's when it is in the codec
     * its topic stores (compression.type), else a copy recompressed into that codec.
     */
    private CompressedRecords.Outcome<ByteBuf> inTopicsCodec(PartitionLog log, ByteBuf batch, RecordBatchView view) {
        LogConfig config = log.config();
        CompressionType produced = CompressionType.forId(view.compressionId());
        CompressionType stored = config.compression().storedType(produced);
        if (stored == produced) {
            return CompressedRecords.Outcome.of(batch.retainedSlice());
        }
        return CompressedRecords.forThisThread().recompress(batch, stored, config.compressionLevel(), ByteBufAllocator.DEFAULT,
                services.maxDecompressedBatchBytes());
    }

    private void rejectMissingPartition(PartitionProduceResponse response, String topic, int partition) {
        String invalidName = TopicNames.validate(topic);
        if (invalidName != null) {
            reject(response, ErrorCode.INVALID_TOPIC_EXCEPTION, invalidName);
        } else {
            reject(response, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "This broker has no partition " + partition + " of topic " + topic + ".");
        }
    }

    private void reject(PartitionProduceResponse partition, ErrorCode error, String message) {
        partition.setErrorCode(error.code()).setBaseOffset(-1).setErrorMessage(message);
        noteError(error, message);
    }

    /** Publishes the queued batches; true when all are published. A full ring pauses reading and retries shortly. */
    private boolean publish(ProduceSequence sequence) {
        while (published < appends.size()) {
            PartitionAppend append = appends.get(published);
            if (!services.pipeline().tryAppend(append.log, append.batch, append)) {
                if (!readingPaused) {
                    readingPaused = true;
                    context.pauseReading();
                }
                context.eventLoop().schedule(sequence::drive, RING_FULL_RETRY_MS, TimeUnit.MILLISECONDS);
                return false;
            }
            published++;
        }
        if (readingPaused) {
            readingPaused = false;
            context.resumeReading();
        }
        appendDone();
        return true;
    }

    @Override
    public void abandon() {
        for (int i = published; i < appends.size(); i++) {
            PartitionAppend append = appends.get(i);
            append.batch.release();
            reject(append.partition, ErrorCode.NETWORK_EXCEPTION, "The connection closed before the batch was appended.");
            appendDone();
        }
        published = appends.size();
        appendDone();
    }

    private void appendDone() {
        if (outstanding.decrementAndGet() > 0) {
            return;
        }
        if (!acksNone) {
            context.respond(response);
        } else if (firstError != null) {
            context.closeConnection("a produce request with acks=0 failed: " + firstError);
        } else {
            context.respondWithNothing();
        }
    }

    private void noteError(ErrorCode error, String message) {
        if (firstError == null) {
            firstError = error + " (" + message + ")";
        }
    }

    /** One partition's batch: published to the ring, which then owns {@code batch}; told the outcome on the append thread. */
    private final class PartitionAppend implements AppendCompletion {
        private final PartitionLog log;
        private final ByteBuf batch;
        private final PartitionProduceResponse partition;

        PartitionAppend(PartitionLog log, ByteBuf batch, PartitionProduceResponse partition) {
            this.log = log;
            this.batch = batch;
            this.partition = partition;
        }

        @Override
        public void onAppendComplete(AppendResult result) {
            partition.setErrorCode(result.error().code())
                    .setBaseOffset(result.baseOffset())
                    .setLogAppendTimeMs(result.logAppendTimeMs())
                    .setLogStartOffset(result.logStartOffset())
                    .setErrorMessage(result.errorMessage());
            if (result.error() != ErrorCode.NONE) {
                noteError(result.error(), result.errorMessage());
            } else {
                services.fetchWaiters().appended(log);
            }
            appendDone();
        }
    }
}
