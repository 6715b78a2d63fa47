package io.brook.broker.handler;

import io.brook.log.PartitionLog;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fetches parked on each partition until it gets new data or their wait ends: appends call
 * {@link #appended} on the append thread, which wakes every fetch waiting on that partition.
 *
 * <p>Thread-safety: any thread. A partition without waiters costs an append one map lookup.
 */
public final class FetchWaiters {
    /** Something waiting for data on a partition; woken on the appending thread, so it must only hand off. */
    interface Waiter {
        void wake();
    }

    private final Map<PartitionLog, Set<Waiter>> waitersByLog = new ConcurrentHashMap<>();

    void park(PartitionLog log, Waiter waiter) {
        waitersByLog.compute(log, (key, waiters) -> {
            Set<Waiter> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            set.add(waiter);
            return set;
        });
    }

    void unpark(PartitionLog log, Waiter waiter) {
        waitersByLog.computeIfPresent(log, (key, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** New data is readable on {@code log}: wakes its waiters. On the append thread. */
    public void appended(PartitionLog log) {
        Set<Waiter> waiters = waitersByLog.get(log);
        if (waiters == null) {
            return;
        }
        for (Waiter waiter : waiters) {
            waiter.wake();
        }
    }
}
