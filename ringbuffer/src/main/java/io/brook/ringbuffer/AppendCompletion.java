package io.brook.ringbuffer;

import io.brook.log.append.AppendResult;

/** Told the outcome of one append, on the partition's append thread. */
@FunctionalInterface
public interface AppendCompletion {
    /**
     * Called once per published append. {@code result} is reused for the next append as soon as
     * this returns: copy what you need, and hand further work to your own thread.
     */
    void onAppendComplete(AppendResult result);
}
