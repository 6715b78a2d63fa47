package io.brook.ringbuffer;

import com.lmax.disruptor.EventHandler;
import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import java.lang.System.Logger.Level;

/**
 * The single writer of one shard's partitions: appends each batch, tells its completion, releases
 * the batch and clears the slot, whatever happened.
 *
 * <p>Not thread-safe: runs on its shard's thread only.
 */
final class AppendEventHandler implements EventHandler<AppendEvent> {
    private static final System.Logger LOG = System.getLogger(AppendEventHandler.class.getName());

    private final AppendResult result = new AppendResult();

    @Override
    public void onEvent(AppendEvent event, long sequence, boolean endOfBatch) {
        try {
            if (event.task != null) {
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
            }
            event.clear();
        }
    }

    private void append(AppendEvent event) {
        try {
            event.log.append(event.batch, result);
        } catch (Throwable e) {
            LOG.log(Level.ERROR, "Appending to partition " + event.log + " failed unexpectedly.", e);
            result.failed(ErrorCode.UNKNOWN_SERVER_ERROR, "The broker failed to append the batch.", event.log.logStartOffset());
        }
        event.completion.onAppendComplete(result);
    }
}
