package io.brook.compression;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates on the heap while running a piece of code (HotSpot's per-thread counter). */
final class AllocationMeter {

    interface Action {
        void run() throws Exception;
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Runs {@code action} (a thrown exception counts as done) and returns the bytes it allocated. */
    static long allocatedBytes(Action action) {
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        try {
            action.run();
        } catch (Exception expected) {
            // The caller asserts on the outcome separately; here only the allocation counts.
        }
        return THREADS.getThreadAllocatedBytes(threadId) - before;
    }
}
