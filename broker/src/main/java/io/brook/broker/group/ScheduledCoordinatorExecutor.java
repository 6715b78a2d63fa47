package io.brook.broker.group;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's thread: one daemon thread with a timer queue. A task that throws is logged and
 * the thread goes on, so one bad request cannot stop every group.
 */
public final class ScheduledCoordinatorExecutor implements CoordinatorExecutor, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScheduledCoordinatorExecutor.class.getName());
    private static final long SHUTDOWN_WAIT_MS = 5_000;

    private final ScheduledThreadPoolExecutor executor;
    private final Clock clock;

    public ScheduledCoordinatorExecutor(Clock clock) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "group-coordinator");
            thread.setDaemon(true);
            return thread;
        });
        // Heartbeats reschedule each member's expiry: cancelled timers must leave the queue.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(() -> runLogged(task));
        } catch (RejectedExecutionException shutDown) {
            // A store write finishing during shutdown: its requester's connection is already closed.
        }
    }

    @Override
    public Scheduled schedule(long delayMs, Runnable task) {
        try {
            ScheduledFuture<?> future = executor.schedule(() -> runLogged(task), delayMs, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException shutDown) {
            return () -> { };
        }
    }

    @Override
    public long nowMs() {
        return clock.millis();
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            // The executor would keep it in a future nobody reads: log it, or it is never seen.
            LOG.log(Level.ERROR, "A group coordinator task failed.", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)) {
            LOG.log(Level.WARNING, "A group coordinator task was still running after {0} ms of shutdown.", SHUTDOWN_WAIT_MS);
        }
    }
}
