package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.CHECK_INTERVAL_MS;
import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.MAX_SESSION_MS;
import static io.brook.broker.group.GroupTestKit.RETENTION_MS;
import static io.brook.broker.group.GroupTestKit.START_MS;
import static io.brook.broker.group.GroupTestKit.byMemberId;
import static io.brook.broker.group.GroupTestKit.offset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Expiry of committed offsets after offsets.retention.minutes (60 min here), checked every
 * offsets.retention.check.interval.ms (10 min here, from the coordinator's start).
 */
class OffsetExpiryTest {
    private static final long MINUTE_MS = 60_000;

    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void theseTestsAssumeChecksEveryTenMinutesAndAnHourOfRetention() {
        assertEquals(10 * MINUTE_MS, CHECK_INTERVAL_MS);
        assertEquals(60 * MINUTE_MS, RETENTION_MS);
    }

    @Test
    void aSimpleGroupsOffsetsExpireByCommitTimeAndThenTheGroupIsGone() {
        kit.commitSimple("simple", offset("orders", 0, 1)).get();
        kit.executor.advanceTo(at(30));
        kit.commitSimple("simple", offset("orders", 1, 2)).get();

        kit.executor.advanceTo(at(60) - 1);
        assertEquals(1, kit.committed("simple", "orders", 0));
        kit.executor.advanceTo(at(60));
        assertEquals(-1, kit.committed("simple", "orders", 0));
        assertEquals(2, kit.committed("simple", "orders", 1));
        assertEquals(List.of(new GroupListing("simple", "", "Empty")), kit.list(Set.of(), Set.of()));

        kit.executor.advanceTo(at(90) - 1);
        assertEquals(2, kit.committed("simple", "orders", 1));
        kit.executor.advanceTo(at(90));
        assertEquals(-1, kit.committed("simple", "orders", 1));
        assertEquals(List.of(), kit.list(Set.of(), Set.of()));
        assertFalse(kit.describe("simple").found());
        List<GroupRecord> log = kit.store.log();
        assertEquals(List.of(new GroupRecord.OffsetTombstone("simple", "orders", 1), new GroupRecord.GroupTombstone("simple")),
                log.subList(log.size() - 2, log.size()));
        assertEquals(List.of(), kit.restart().list(Set.of(), Set.of()));
    }

    @Test
    void aStableGroupKeepsTheOffsetsOfSubscribedTopicsAndAnEmptyGroupLosesThemARetentionAfterItEmptied() {
        Join a = Join.consumer().session(MAX_SESSION_MS);
        StableGroup group = kit.stableGroup(a);
        long committedMs = kit.executor.nowMs();
        kit.commitAsMember(group.leader(), 1, offset("orders", 0, 5), offset("payments", 0, 6)).get();

        heartbeatUntil(group.leader(), at(70) - 1);
        assertEquals(6, kit.committed(GROUP, "payments", 0), "committed " + (committedMs - START_MS) + " ms after the start");
        kit.executor.advanceTo(at(70));
        assertEquals(-1, kit.committed(GROUP, "payments", 0), "not subscribed: expires by commit time");
        assertEquals(5, kit.committed(GROUP, "orders", 0), "subscribed by a member of the stable group: kept");

        heartbeatUntil(group.leader(), at(90));
        assertEquals(List.of(ErrorCode.NONE), kit.leave(GROUP, byMemberId(group.leader())).memberErrors());
        assertEquals("Empty", kit.state(GROUP));

        kit.executor.advanceTo(at(150) - 1);
        assertEquals(5, kit.committed(GROUP, "orders", 0), "an empty group's retention counts from when it became empty");
        kit.executor.advanceTo(at(150));
        assertEquals(-1, kit.committed(GROUP, "orders", 0));
        assertEquals(List.of(), kit.list(Set.of(), Set.of()), "an empty group with no offsets left is gone");
    }

    @Test
    void aRetentionTimeGivenWithTheCommitOverridesTheConfiguredRetention() {
        kit.commit(new OffsetCommitParams("simple", -1, "", null, 2 * MINUTE_MS, List.of(offset("orders", 0, 1))), (short) 2).get();
        kit.commit(new OffsetCommitParams("simple", -1, "", null, 90 * MINUTE_MS, List.of(offset("orders", 1, 1))), (short) 2).get();
        kit.commitSimple("simple", offset("orders", 2, 1)).get();
        kit.executor.advanceTo(at(10));
        assertEquals(-1, kit.committed("simple", "orders", 0));
        kit.executor.advanceTo(at(60));
        assertEquals(1, kit.committed("simple", "orders", 1), "kept beyond offsets.retention.minutes");
        assertEquals(-1, kit.committed("simple", "orders", 2));
        kit.executor.advanceTo(at(90));
        assertEquals(-1, kit.committed("simple", "orders", 1));
    }

    @Test
    void aGroupInTheMiddleOfARebalanceKeepsItsOffsets() {
        Join a = Join.consumer().session(MAX_SESSION_MS).rebalance((int) (120 * MINUTE_MS));
        StableGroup group = kit.stableGroup(a);
        kit.commitAsMember(group.leader(), 1, offset("payments", 0, 6)).get();
        // A new member starts a rebalance the leader never rejoins; with a 2 h rebalance timeout the join phase outlasts the retention.
        kit.joinNew(Join.consumer().client("b"));
        heartbeatUntil(group.leader(), at(70), ErrorCode.REBALANCE_IN_PROGRESS);
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(6, kit.committed(GROUP, "payments", 0));
    }

    private void heartbeatUntil(String memberId, long untilMs) {
        heartbeatUntil(memberId, untilMs, ErrorCode.NONE);
    }

    private void heartbeatUntil(String memberId, long untilMs, ErrorCode expected) {
        while (kit.executor.nowMs() + 20 * MINUTE_MS < untilMs) {
            kit.executor.advance(20 * MINUTE_MS);
            assertEquals(expected, kit.heartbeat(memberId, 1));
        }
        kit.executor.advanceTo(untilMs);
    }

    private static long at(long minutes) {
        return START_MS + minutes * MINUTE_MS;
    }
}
