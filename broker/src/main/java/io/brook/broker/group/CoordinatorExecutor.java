package io.brook.broker.group;

/**
 * The one thread the coordinator's state lives on, with its timers and clock. Tests drive a
 * manual one; the broker runs {@link ScheduledCoordinatorExecutor}.
 */
public interface CoordinatorExecutor {
    /** Runs {@code task} on the coordinator thread. */
    void execute(Runnable task);

    /** Runs {@code task} on the coordinator thread after {@code delayMs}, unless cancelled first. */
    Scheduled schedule(long delayMs, Runnable task);

    /** Wall-clock time, for commit timestamps and offset expiry. */
    long nowMs();

    /** A pending timer. */
    interface Scheduled {
        /** Stops the task from running; no effect once it ran. */
        void cancel();
    }
}
