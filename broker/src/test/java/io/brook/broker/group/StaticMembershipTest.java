package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.CONSUMER;
import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.INITIAL_DELAY_MS;
import static io.brook.broker.group.GroupTestKit.REBALANCE_MS;
import static io.brook.broker.group.GroupTestKit.offset;
import static io.brook.broker.group.GroupTestKit.subscription;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.Reply;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Static membership (group.instance.id): replacement of an instance, fencing, and leaving by instance id. */
class StaticMembershipTest {
    private static final Join A = Join.consumer().client("a").instance("i-a");
    private static final Join B = Join.consumer().client("b").instance("i-b");
    private static final Join C = Join.consumer().client("c").instance("i-c");

    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void aStaticMemberJoinsWithoutTheMemberIdRoundTrip() {
        Reply<JoinOutcome> joined = kit.join(A);
        assertFalse(joined.answered());
        kit.executor.advance(INITIAL_DELAY_MS);
        JoinOutcome outcome = joined.get();
        assertEquals(ErrorCode.NONE, outcome.error());
        assertTrue(outcome.memberId().startsWith("i-a-"), outcome.memberId());
        assertEquals("i-a", outcome.members().get(0).groupInstanceId());
    }

    @Test
    void aNewInstanceOfAFollowerTakesItsPlaceInAStableGroupWithoutARebalanceAndKeepsItsAssignment() {
        StableGroup group = kit.stableGroup(A, B);
        String oldB = group.member(1);

        JoinOutcome replaced = kit.join(B).get();
        assertEquals(ErrorCode.NONE, replaced.error());
        assertNotEquals(oldB, replaced.memberId());
        assertTrue(replaced.memberId().startsWith("i-b-"), replaced.memberId());
        assertEquals(1, replaced.generationId());
        assertEquals(group.leader(), replaced.leaderId());
        assertEquals("range", replaced.protocolName());
        assertEquals(CONSUMER, replaced.protocolType());
        assertEquals(List.of(), replaced.members());
        assertFalse(replaced.skipAssignment());
        assertEquals("Stable", kit.state(GROUP));

        assertEquals(ErrorCode.NONE, kit.heartbeat(GROUP, group.leader(), "i-a", 1), "no rebalance for the other members");
        assertEquals(ErrorCode.FENCED_INSTANCE_ID, kit.heartbeat(GROUP, oldB, "i-b", 1));
        assertEquals(ErrorCode.FENCED_INSTANCE_ID, kit.sync(GROUP, oldB, "i-b", 1, Map.of()).get().error());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.heartbeat(GROUP, oldB, null, 1));
        assertEquals(List.of(ErrorCode.FENCED_INSTANCE_ID),
                kit.commit(new OffsetCommitParams(GROUP, 1, oldB, "i-b", -1, List.of(offset("orders", 0, 5))), (short) 8).get());

        SyncOutcome synced = kit.sync(GROUP, replaced.memberId(), "i-b", 1, Map.of()).get();
        assertEquals(ErrorCode.NONE, synced.error());
        assertEquals("assignment-1", new String(synced.assignment(), StandardCharsets.UTF_8));
        assertEquals(ErrorCode.NONE, kit.heartbeat(GROUP, replaced.memberId(), "i-b", 1));
    }

    @Test
    void aNewInstanceOfTheLeaderLearnsTheMembersAndIsToldToKeepTheAssignment() {
        StableGroup group = kit.stableGroup(A, B);
        JoinOutcome replaced = kit.join(A).get();
        assertEquals(ErrorCode.NONE, replaced.error());
        assertEquals(1, replaced.generationId());
        assertEquals(replaced.memberId(), replaced.leaderId());
        assertTrue(replaced.skipAssignment());
        Map<String, String> instanceByMember = new HashMap<>();
        for (JoinOutcome.MemberMetadata member : replaced.members()) {
            instanceByMember.put(member.memberId(), member.groupInstanceId());
            assertArrayEquals(subscription("orders"), member.metadata());
        }
        assertEquals(Map.of(replaced.memberId(), "i-a", group.member(1), "i-b"), instanceByMember);
        assertEquals("Stable", kit.state(GROUP));
        assertEquals(ErrorCode.NONE, kit.heartbeat(GROUP, group.member(1), "i-b", 1));
    }

    @Test
    void aNewInstanceFencesTheOldOnesWaitingSyncGroupAndTheGroupRebalances() {
        Reply<JoinOutcome> a = kit.join(A);
        Reply<JoinOutcome> b = kit.join(B);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        String oldB = b.get().memberId();
        Reply<SyncOutcome> oldBSync = kit.sync(GROUP, oldB, "i-b", 1, Map.of());
        assertFalse(oldBSync.answered());

        Reply<JoinOutcome> newB = kit.join(B);
        assertEquals(ErrorCode.FENCED_INSTANCE_ID, oldBSync.get().error());
        assertFalse(newB.answered(), "during CompletingRebalance the replacement rebalances: the leader may have assigned to the old id");
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.heartbeat(GROUP, a.get().memberId(), "i-a", 1));

        JoinOutcome aRejoined = kit.join(A.member(a.get().memberId())).get();
        assertEquals(2, aRejoined.generationId());
        assertEquals(2, newB.get().generationId());
        assertEquals(a.get().memberId(), aRejoined.leaderId());
        assertEquals(2, aRejoined.members().size());
    }

    @Test
    void aNewInstanceFencesTheOldOnesWaitingJoinGroup() {
        StableGroup group = kit.stableGroup(A, B, C);
        Reply<JoinOutcome> a = kit.join(A.member(group.leader()));
        Reply<JoinOutcome> oldB = kit.join(B.member(group.member(1)));
        assertFalse(oldB.answered(), "C has not rejoined yet");

        Reply<JoinOutcome> newB = kit.join(B);
        JoinOutcome fenced = oldB.get();
        assertEquals(ErrorCode.FENCED_INSTANCE_ID, fenced.error());
        assertEquals(group.member(1), fenced.memberId());
        assertFalse(newB.answered());

        kit.join(C.member(group.member(2)));
        assertEquals(2, a.get().generationId());
        assertEquals(2, newB.get().generationId());
        assertEquals(ErrorCode.NONE, newB.get().error());
    }

    @Test
    void aStaticMemberThatDoesNotRejoinStaysInTheGroupThroughTheJoinTimeout() {
        Join dynamic = Join.consumer().client("d");
        StableGroup group = kit.stableGroup(dynamic, B);
        Reply<JoinOutcome> leader = kit.join(dynamic.member(group.leader()));
        for (int elapsedMs = 5_000; elapsedMs <= REBALANCE_MS; elapsedMs += 5_000) {
            kit.executor.advance(5_000);
            kit.heartbeat(GROUP, group.member(1), "i-b", 1);
        }
        JoinOutcome outcome = leader.get();
        assertEquals(2, outcome.generationId());
        assertEquals(2, outcome.members().size(), "the static member is kept although it did not rejoin");
        assertEquals(ErrorCode.ILLEGAL_GENERATION, kit.heartbeat(GROUP, group.member(1), "i-b", 1));

        JoinOutcome rejoined = kit.join(B.member(group.member(1))).get();
        assertEquals(ErrorCode.NONE, rejoined.error());
        assertEquals(2, rejoined.generationId());
    }

    @Test
    void leaveGroupByInstanceIdRemovesTheStaticMemberAndChecksTheMemberIdWhenGiven() {
        StableGroup group = kit.stableGroup(A, B);
        GroupCoordinator.LeaveOutcome refused = kit.leave(GROUP,
                new GroupCoordinator.LeavingMember("someone-else", "i-b"),
                new GroupCoordinator.LeavingMember("", "i-unknown"));
        assertEquals(List.of(ErrorCode.FENCED_INSTANCE_ID, ErrorCode.UNKNOWN_MEMBER_ID), refused.memberErrors());
        assertEquals("Stable", kit.state(GROUP));

        GroupCoordinator.LeaveOutcome left = kit.leave(GROUP, new GroupCoordinator.LeavingMember("", "i-b"));
        assertEquals(ErrorCode.NONE, left.error());
        assertEquals(List.of(ErrorCode.NONE), left.memberErrors());
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(List.of(group.leader()), kit.describe(GROUP).members().stream().map(GroupSummary.Member::memberId).toList());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.heartbeat(GROUP, group.member(1), "i-b", 1));

        // The instance id is free again: a new instance joins as a new member.
        Reply<JoinOutcome> newB = kit.join(B);
        assertFalse(newB.answered());
        kit.join(A.member(group.leader()));
        assertEquals(2, newB.get().generationId());
    }

    @Test
    void leaveGroupWithTheInstanceIdAndItsCurrentMemberIdIsAccepted() {
        StableGroup group = kit.stableGroup(A, B);
        GroupCoordinator.LeaveOutcome left = kit.leave(GROUP, new GroupCoordinator.LeavingMember(group.member(1), "i-b"));
        assertEquals(List.of(ErrorCode.NONE), left.memberErrors());
        assertEquals(1, kit.describe(GROUP).members().size());
    }
}
