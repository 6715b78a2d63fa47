package io.brook.broker.group;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A {@link CoordinatorExecutor} for tests: tasks run on the calling thread in FIFO order, timers
 * run only when the test moves the manual clock with {@link #advance}. A task that submits
 * another task (re-entrantly, as a store completion does) queues it behind itself instead of
 * recursing, so the order is the order a single coordinator thread would see.
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class ManualCoordinatorExecutor implements CoordinatorExecutor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long nowMs;
    private long scheduledCount;
    private boolean draining;

    ManualCoordinatorExecutor(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        drain();
    }

    @Override
    public Scheduled schedule(long delayMs, Runnable task) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs=" + delayMs);
        }
        Timer timer = new Timer(nowMs + delayMs, scheduledCount++, task);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    @Override
    public long nowMs() {
        return nowMs;
    }

    /** Moves the clock by {@code deltaMs}, running every timer due by then in due order (ties: scheduling order). */
    void advance(long deltaMs) {
        if (deltaMs < 0) {
            throw new IllegalArgumentException("deltaMs=" + deltaMs);
        }
        advanceTo(nowMs + deltaMs);
    }

    /** Moves the clock to {@code targetMs}, running every timer due by then. */
    void advanceTo(long targetMs) {
        if (targetMs < nowMs) {
            throw new IllegalArgumentException("targetMs=" + targetMs + " is before nowMs=" + nowMs);
        }
        while (!timers.isEmpty() && timers.peek().dueMs <= targetMs) {
            Timer due = timers.poll();
            nowMs = due.dueMs;
            execute(due.task);
        }
        nowMs = targetMs;
    }

    /** Timers scheduled and neither run nor cancelled. */
    int pendingTimerCount() {
        return timers.size();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        } finally {
            draining = false;
            // A task that threw leaves the rest queued; drop them so the next test step starts clean.
            tasks.clear();
        }
    }

    private static final class Timer implements Comparable<Timer> {
        final long dueMs;
        final long sequence;
        final Runnable task;

        Timer(long dueMs, long sequence, Runnable task) {
            this.dueMs = dueMs;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public int compareTo(Timer other) {
            int byDue = Long.compare(dueMs, other.dueMs);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
