package io.brook.broker.handler;

import io.brook.log.PartitionLog;
import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.ringbuffer.AppendCompletion;
import io.brook.ringbuffer.AppendPipeline;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The appends of one produce request: publishes each partition's batch to its append thread and
 * finishes the request when the last outcome arrives. While a ring is full the connection stops
 * reading and the remaining batches are retried from the event loop.
 *
 * <p>Thread-safety: built and published on the event loop; outcomes arrive on append threads,
 * each writing only its own partition's response entry; the last one (counted atomically) finishes.
 */
final class ProduceRequestAppends {
    private static final long RING_FULL_RETRY_MS = 1;

    private final RequestContext context;
    private final ProduceResponse response;
    private final AppendPipeline pipeline;
    private final boolean acksNone;
    private final List<PartitionAppend> unpublished = new ArrayList<>();
    /** Outstanding appends, plus one held by the publishing phase until every batch is published. */
    private final AtomicInteger outstanding = new AtomicInteger(1);
    private volatile String firstError;
    private int published;
    private boolean readingPaused;

    ProduceRequestAppends(RequestContext context, ProduceResponse response, AppendPipeline pipeline, boolean acksNone) {
        this.context = context;
        this.response = response;
        this.pipeline = pipeline;
        this.acksNone = acksNone;
    }

    void reject(PartitionProduceResponse partition, ErrorCode error, String message) {
        partition.setErrorCode(error.code()).setBaseOffset(-1).setErrorMessage(message);
        noteError(error, message);
    }

    /** Queues {@code records} for appending to {@code log}; the records stay owned by the request frame. */
    void add(PartitionLog log, ByteBuf records, PartitionProduceResponse partition) {
        unpublished.add(new PartitionAppend(log, records.retainedSlice(), partition));
        outstanding.incrementAndGet();
    }

    /** Publishes the queued batches; on the event loop. */
    void publish() {
        while (published < unpublished.size()) {
            PartitionAppend append = unpublished.get(published);
            if (!pipeline.tryAppend(append.log, append.batch, append)) {
                if (!readingPaused) {
                    readingPaused = true;
                    context.pauseReading();
                }
                context.eventLoop().schedule(this::publish, RING_FULL_RETRY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            published++;
        }
        if (readingPaused) {
            readingPaused = false;
            context.resumeReading();
        }
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
                    .setLogStartOffset(result.logStartOffset())
                    .setErrorMessage(result.errorMessage());
            if (result.error() != ErrorCode.NONE) {
                noteError(result.error(), result.errorMessage());
            }
            appendDone();
        }
    }
}
