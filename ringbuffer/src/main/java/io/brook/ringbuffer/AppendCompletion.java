package io.brook.ringbuffer;

import io.brook.log.append.AppendResult;

/** Told the outcome of one append, on the partition's append thread. */
@FunctionalInterface
public interface AppendCompletion {
    /**
     * Called once per published append, at the end of the append thread's Disruptor batch (the
     * batch's other writes are done by then). {@code result} belongs to the ring slot and is
     * reused as soon as this returns: copy what you need, and hand further work to your own thread.
     */
    void onAppendComplete(AppendResult result);
}
