package io.brook.ringbuffer;

import io.brook.log.PartitionLog;
import io.netty.buffer.ByteBuf;

/**
 * A preallocated ring slot: either a batch to append to a partition, or a task to run on the
 * partition's append thread. The handler clears it after use so that the ring holds no stale
 * buffers until it wraps around.
 */
final class AppendEvent {
    PartitionLog log;
    /** Owned by the ring from a successful publish until the handler releases it. */
    ByteBuf batch;
    AppendCompletion completion;
    Runnable task;

    void clear() {
        log = null;
        batch = null;
        completion = null;
        task = null;
    }
}
