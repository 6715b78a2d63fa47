package io.brook.ringbuffer;

import com.lmax.disruptor.EventHandler;
import io.brook.protocol.ErrorCode;
import java.lang.System.Logger.Level;

/**
 * The single writer of one shard's partitions. Appends each batch and releases it at once, but
 * tells the completions only at the end of the Disruptor batch, in ring order: the responses of a
 * burst of appends are handed to their connections together, after the burst's writes. A task
 * runs where it stands, after the completions of the appends before it have been told. Every slot
 * is cleared after use, whatever happened.
 *
 * <p>The slots of a batch stay the handler's until it returns from the batch's last event (the
 * Disruptor publishes the handler's progress only then), so outcomes can wait in them.
 *
 * <p>Not thread-safe: runs on its shard's thread only.
 */
final class AppendEventHandler implements EventHandler<AppendEvent> {
    private static final System.Logger LOG = System.getLogger(AppendEventHandler.class.getName());

    /** The appends of the current Disruptor batch whose completions are still to be told; at most a ring's worth. */
    private final AppendEvent[] awaitingCompletion;
    private int awaitingCount;

    AppendEventHandler(int ringSize) {
        awaitingCompletion = new AppendEvent[ringSize];
    }

    @Override
    public void onEvent(AppendEvent event, long sequence, boolean endOfBatch) {
        try {
            if (event.task != null) {
                // A task is a barrier: the appends before it are complete, told included, when it runs.
                completeAll();
                event.task.run();
            } else {
                append(event);
            }
        } catch (Throwable e) {
            // Anything escaping to the Disruptor would stop this shard, and with it every partition
            // it writes, for good; an Error (out of memory growing an index) is logged and survived.
            LOG.log(Level.ERROR, "An event on partition " + event.log + " failed.", e);
        } finally {
            if (event.batch != null) {
                event.batch.release();
                event.batch = null;
            }
            if (event.completion != null) {
                awaitingCompletion[awaitingCount++] = event;
            } else {
                event.clear();
            }
        }
        if (endOfBatch) {
            completeAll();
        }
    }

    private void append(AppendEvent event) {
        try {
            event.log.append(event.batch, event.result);
        } catch (Throwable e) {
            LOG.log(Level.ERROR, "Appending to partition " + event.log + " failed unexpectedly.", e);
            event.result.failed(ErrorCode.UNKNOWN_SERVER_ERROR, "The broker failed to append the batch.", event.log.logStartOffset());
        }
    }

    /** Tells the waiting completions, in ring order, and clears their slots. */
    private void completeAll() {
        for (int i = 0; i < awaitingCount; i++) {
            AppendEvent event = awaitingCompletion[i];
            awaitingCompletion[i] = null;
            try {
                event.completion.onAppendComplete(event.result);
            } catch (Throwable e) {
                LOG.log(Level.ERROR, "The completion of an append to partition " + event.log + " failed.", e);
            } finally {
                event.clear();
            }
        }
        awaitingCount = 0;
    }
}
