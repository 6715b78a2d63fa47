package io.brook.broker.handler;

import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.log.PartitionLog;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DeleteRecordsRequest;
import io.brook.protocol.message.DeleteRecordsRequest.DeleteRecordsPartition;
import io.brook.protocol.message.DeleteRecordsRequest.DeleteRecordsTopic;
import io.brook.protocol.message.DeleteRecordsResponse;
import io.brook.protocol.message.DeleteRecordsResponse.DeleteRecordsPartitionResult;
import io.brook.protocol.message.DeleteRecordsResponse.DeleteRecordsTopicResult;
import io.brook.ringbuffer.AppendPipeline;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DeleteRecords (key 21), versions 0-2: moves each partition's log start offset (its low
 * watermark) up to the requested offset, -1 meaning the high watermark, and deletes the segments
 * wholly below it. The move runs on the partition's append thread, after the appends queued
 * before it; the control plane waits for it up to the request's timeout (REQUEST_TIMED_OUT after
 * that). An offset beyond the high watermark, or negative other than -1, is OFFSET_OUT_OF_RANGE;
 * an offset below the current log start changes nothing and reports the current one, as Kafka
 * does. The new start offsets are written to the log-start-offset checkpoint before the response,
 * so that an acknowledged deletion survives a crash; a move that finishes after the timeout
 * reaches it with the next periodic checkpoint.
 */
public final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequest> {
    private static final System.Logger LOG = System.getLogger(DeleteRecordsHandler.class.getName());
    private static final long HIGH_WATERMARK = -1;
    private static final long UNKNOWN_LOW_WATERMARK = -1;

    private final TopicRegistry topics;
    private final ControlPlane controlPlane;
    private final AppendPipeline pipeline;
    private final LogStartCheckpoint checkpoint;

    /** Writes the log start offsets to disk. */
    @FunctionalInterface
    public interface LogStartCheckpoint {
        void write() throws IOException;
    }

    public DeleteRecordsHandler(TopicRegistry topics, ControlPlane controlPlane, AppendPipeline pipeline, LogStartCheckpoint checkpoint) {
        this.topics = topics;
        this.controlPlane = controlPlane;
        this.pipeline = pipeline;
        this.checkpoint = checkpoint;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_RECORDS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public void handle(RequestContext context, DeleteRecordsRequest request) {
        controlPlane.submit(context, this, request, this::deleteRecords);
    }

    private DeleteRecordsResponse deleteRecords(DeleteRecordsRequest request) throws InterruptedException, IOException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, request.timeoutMs()));
        List<DeleteRecordsTopicResult> results = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (DeleteRecordsTopic requested : request.topics()) {
            Topic topic = topics.get(requested.name());
            List<DeleteRecordsPartitionResult> partitions = new ArrayList<>();
            for (DeleteRecordsPartition partition : requested.partitions()) {
                DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult()
                        .setPartitionIndex(partition.partitionIndex()).setLowWatermark(UNKNOWN_LOW_WATERMARK);
                partitions.add(result);
                PartitionLog log = topic == null ? null : topic.partition(partition.partitionIndex());
                if (log == null) {
                    result.setErrorCode(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                long target = partition.offset() == HIGH_WATERMARK ? log.logEndOffset() : partition.offset();
                if (target < 0 || target > log.logEndOffset()) {
                    result.setErrorCode(ErrorCode.OFFSET_OUT_OF_RANGE.code());
                    continue;
                }
                pending.add(new Pending(result, pipeline.call(log, () -> log.deleteRecordsBefore(target), deadlineNs)));
            }
            results.add(new DeleteRecordsTopicResult().setName(requested.name()).setPartitions(partitions));
        }
        boolean moved = false;
        for (Pending each : pending) {
            moved |= each.await(deadlineNs);
        }
        if (moved) {
            checkpoint.write();
        }
        return new DeleteRecordsResponse().setTopics(results);
    }

    /** A partition whose move is queued on its append thread. */
    private record Pending(DeleteRecordsPartitionResult result, CompletableFuture<Long> lowWatermark) {
        /** Fills the result; true when the partition's start offset is now known. */
        boolean await(long deadlineNs) throws InterruptedException {
            try {
                long watermark = lowWatermark.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (watermark < 0) {
                    result.setErrorCode(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
                    return false;
                }
                result.setErrorCode(ErrorCode.NONE.code()).setLowWatermark(watermark);
                return true;
            } catch (TimeoutException e) {
                result.setErrorCode(ErrorCode.REQUEST_TIMED_OUT.code());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TimeoutException) {
                    result.setErrorCode(ErrorCode.REQUEST_TIMED_OUT.code());
                } else {
                    LOG.log(Level.ERROR, "DeleteRecords failed on an append thread.", e.getCause());
                    result.setErrorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
                }
            }
            return false;
        }
    }

    @Override
    public ApiMessage errorResponse(DeleteRecordsRequest request, ErrorCode error) {
        DeleteRecordsResponse response = new DeleteRecordsResponse();
        if (request == null) {
            return response;
        }
        for (DeleteRecordsTopic topic : request.topics()) {
            List<DeleteRecordsPartitionResult> partitions = new ArrayList<>();
            for (DeleteRecordsPartition partition : topic.partitions()) {
                partitions.add(new DeleteRecordsPartitionResult().setPartitionIndex(partition.partitionIndex())
                        .setLowWatermark(UNKNOWN_LOW_WATERMARK).setErrorCode(error.code()));
            }
            response.topics().add(new DeleteRecordsTopicResult().setName(topic.name()).setPartitions(partitions));
        }
        return response;
    }
}
