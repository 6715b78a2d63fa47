package io.brook.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualCoordinatorExecutorTest {
    private final ManualCoordinatorExecutor executor = new ManualCoordinatorExecutor(1_000);
    private final List<String> ran = new ArrayList<>();

    @Test
    void aTaskSubmittedByARunningTaskRunsAfterItInsteadOfInsideIt() {
        executor.execute(() -> {
            ran.add("outer start");
            executor.execute(() -> ran.add("inner"));
            ran.add("outer end");
        });
        assertEquals(List.of("outer start", "outer end", "inner"), ran);
    }

    @Test
    void deepChainsOfResubmissionDoNotGrowTheStack() {
        int[] remaining = {100_000};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (--remaining[0] > 0) {
                executor.execute(step[0]);
            }
        };
        executor.execute(step[0]);
        assertEquals(0, remaining[0]);
    }

    @Test
    void timersRunInDueOrderWithTiesInSchedulingOrderOnlyWhenTheClockReachesThem() {
        executor.schedule(20, () -> ran.add("b@" + executor.nowMs()));
        executor.schedule(10, () -> ran.add("a@" + executor.nowMs()));
        executor.schedule(20, () -> ran.add("c@" + executor.nowMs()));
        executor.advance(9);
        assertEquals(List.of(), ran);
        executor.advance(11);
        assertEquals(List.of("a@1010", "b@1020", "c@1020"), ran);
        assertEquals(1_020, executor.nowMs());
    }

    @Test
    void aTimerScheduledByATimerRunsInTheSameAdvanceWhenDueByItsEnd() {
        executor.schedule(5, () -> {
            ran.add("first@" + executor.nowMs());
            executor.schedule(0, () -> ran.add("now@" + executor.nowMs()));
            executor.schedule(5, () -> ran.add("later@" + executor.nowMs()));
            executor.schedule(6, () -> ran.add("too late@" + executor.nowMs()));
        });
        executor.advance(10);
        assertEquals(List.of("first@1005", "now@1005", "later@1010"), ran);
        assertEquals(1, executor.pendingTimerCount());
    }

    @Test
    void aCancelledTimerNeverRunsAndLeavesTheQueue() {
        CoordinatorExecutor.Scheduled cancelled = executor.schedule(10, () -> ran.add("cancelled"));
        executor.schedule(10, () -> ran.add("kept"));
        cancelled.cancel();
        assertEquals(1, executor.pendingTimerCount());
        executor.advance(10);
        assertEquals(List.of("kept"), ran);
        cancelled.cancel();
        assertEquals(0, executor.pendingTimerCount());
    }

    @Test
    void theClockNeverGoesBack() {
        assertThrows(IllegalArgumentException.class, () -> executor.advance(-1));
        assertThrows(IllegalArgumentException.class, () -> executor.advanceTo(999));
    }
}
