package io.brook.log;

/**
 * Runs a task on a partition's append thread, the only thread that may change its log; the
 * append pipeline provides it. Returns false when the task could not be queued (the thread's
 * queue is full); the caller tries again at its next round.
 */
@FunctionalInterface
public interface PartitionTaskRunner {
    boolean submit(PartitionLog log, Runnable task);
}
