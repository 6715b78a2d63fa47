package io.brook.ringbuffer;

import io.brook.log.PartitionLog;
import io.brook.log.append.AppendResult;
import io.netty.buffer.ByteBuf;

/**
 * A preallocated ring slot: either a batch to append to a partition, or a task to run on the
 * partition's append thread. An append's outcome waits in the slot's own {@code result} until the
 * end of the handler's batch. The handler clears the slot after use so that the ring holds no
 * stale buffers until it wraps around.
 */
final class AppendEvent {
    /** Filled by the append, read by the completion at the end of the handler's batch; reused by every publish into this slot. */
    final AppendResult result = new AppendResult();
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
