package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.CONSUMER;
import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.INITIAL_DELAY_MS;
import static io.brook.broker.group.GroupTestKit.MAX_SESSION_MS;
import static io.brook.broker.group.GroupTestKit.MIN_SESSION_MS;
import static io.brook.broker.group.GroupTestKit.assignment;
import static io.brook.broker.group.GroupTestKit.protocol;
import static io.brook.broker.group.GroupTestKit.subscription;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.Joining;
import io.brook.broker.group.GroupTestKit.Reply;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JoinGroup and SyncGroup of a group's first generations: member ids, the initial delay, the protocol vote, request validation. */
class GroupJoinTest {
    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void firstJoinGetsMemberIdRequiredAndTheRejoinWaitsOutTheInitialDelay() {
        Join a = Join.consumer().client("a");
        String memberId = kit.memberIdRequired(a);
        assertEquals("Empty", kit.state(GROUP), "a member id handed out is not a member yet");

        Reply<JoinOutcome> joined = kit.join(a.member(memberId));
        assertEquals("PreparingRebalance", kit.state(GROUP));
        kit.executor.advance(INITIAL_DELAY_MS - 1);
        assertFalse(joined.answered(), "the first rebalance of an empty group waits group.initial.rebalance.delay.ms");

        kit.executor.advance(1);
        JoinOutcome outcome = joined.get();
        assertEquals(ErrorCode.NONE, outcome.error());
        assertEquals(1, outcome.generationId());
        assertEquals(CONSUMER, outcome.protocolType());
        assertEquals("range", outcome.protocolName());
        assertEquals(memberId, outcome.memberId());
        assertEquals(memberId, outcome.leaderId());
        assertFalse(outcome.skipAssignment());
        assertEquals(1, outcome.members().size());
        assertEquals(memberId, outcome.members().get(0).memberId());
        assertNull(outcome.members().get(0).groupInstanceId());
        assertArrayEquals(subscription("orders"), outcome.members().get(0).metadata());
        assertEquals("CompletingRebalance", kit.state(GROUP));
    }

    @Test
    void leaderGetsEveryMembersMetadataFollowersNoneAndSyncHandsEachItsOwnAssignment() {
        Join a = Join.consumer().client("a").withProtocols(protocol("range", "orders"));
        Join b = Join.consumer().client("b").withProtocols(protocol("range", "orders", "payments"));
        Joining joiningA = kit.joinNew(a);
        kit.executor.advance(1_000);
        Joining joiningB = kit.joinNew(b);
        // B joined within the delay, so at 3 s the delay starts over: the join ends at 6 s.
        kit.executor.advance(INITIAL_DELAY_MS - 1_000);
        kit.executor.advance(INITIAL_DELAY_MS - 1);
        assertFalse(joiningA.reply().answered());
        assertFalse(joiningB.reply().answered());
        kit.executor.advance(1);

        JoinOutcome leader = joiningA.reply().get();
        JoinOutcome follower = joiningB.reply().get();
        assertEquals(ErrorCode.NONE, leader.error());
        assertEquals(ErrorCode.NONE, follower.error());
        assertEquals(1, leader.generationId());
        assertEquals(1, follower.generationId());
        assertEquals(joiningA.memberId(), leader.leaderId());
        assertEquals(joiningA.memberId(), follower.leaderId());
        assertEquals(joiningB.memberId(), follower.memberId());
        assertEquals("range", follower.protocolName());
        assertEquals(CONSUMER, follower.protocolType());
        assertEquals(List.of(), follower.members(), "followers get no member metadata");
        Map<String, String> metadataByMember = new HashMap<>();
        for (JoinOutcome.MemberMetadata member : leader.members()) {
            metadataByMember.put(member.memberId(), Arrays.toString(member.metadata()));
        }
        assertEquals(Map.of(joiningA.memberId(), Arrays.toString(subscription("orders")),
                joiningB.memberId(), Arrays.toString(subscription("orders", "payments"))), metadataByMember);

        Reply<SyncOutcome> followerSync = kit.sync(joiningB.memberId(), 1);
        assertFalse(followerSync.answered(), "a follower's SyncGroup waits for the leader's assignment");
        assertEquals(ErrorCode.NONE, kit.heartbeat(joiningA.memberId(), 1), "heartbeats of the new generation are fine before the assignment");
        Reply<SyncOutcome> leaderSync = kit.sync(joiningA.memberId(), 1,
                Map.of(joiningA.memberId(), assignment(0), joiningB.memberId(), assignment(1)));

        assertEquals(new SyncResult(ErrorCode.NONE, CONSUMER, "range", "assignment-0"), SyncResult.of(leaderSync.get()));
        assertEquals(new SyncResult(ErrorCode.NONE, CONSUMER, "range", "assignment-1"), SyncResult.of(followerSync.get()));
        assertEquals("Stable", kit.state(GROUP));
        assertEquals(ErrorCode.NONE, kit.heartbeat(joiningA.memberId(), 1));
        assertEquals(ErrorCode.NONE, kit.heartbeat(joiningB.memberId(), 1));
    }

    @Test
    void aMemberLeftOutOfTheLeadersAssignmentGetsAnEmptyOne() {
        Joining a = kit.joinNew(Join.consumer().client("a"));
        Joining b = kit.joinNew(Join.consumer().client("b"));
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        Reply<SyncOutcome> followerSync = kit.sync(b.memberId(), 1);
        kit.sync(a.memberId(), 1, Map.of(a.memberId(), assignment(0)));
        assertEquals(new SyncResult(ErrorCode.NONE, CONSUMER, "range", ""), SyncResult.of(followerSync.get()));
    }

    @Test
    void membersJoiningWithinTheDelayExtendItUpToTheRebalanceTimeout() {
        int rebalanceTimeoutMs = 8_000;
        Joining first = kit.joinNew(Join.consumer().client("a").rebalance(rebalanceTimeoutMs));
        // One new member every 2 s: the delay restarts at 3 s and at 6 s, but only for the 2 s left of the rebalance timeout.
        for (int i = 1; i <= 3; i++) {
            kit.executor.advance(2_000);
            kit.joinNew(Join.consumer().client("m" + i).rebalance(rebalanceTimeoutMs));
        }
        kit.executor.advance(rebalanceTimeoutMs - 6_000 - 1);
        assertFalse(first.reply().answered());
        kit.executor.advance(1);
        JoinOutcome outcome = first.reply().get();
        assertEquals(1, outcome.generationId());
        assertEquals(4, outcome.members().size());
    }

    @Test
    void theInitialDelayIsWaitedOutWholeEvenWhenTheRebalanceTimeoutIsShorter() {
        Joining joining = kit.joinNew(Join.consumer().rebalance(1_000));
        kit.executor.advance(INITIAL_DELAY_MS - 1);
        assertFalse(joining.reply().answered());
        kit.executor.advance(1);
        assertEquals(1, joining.reply().get().generationId());
    }

    @Test
    void aJoinBeforeVersion4IsAddedWithoutTheMemberIdRoundTrip() {
        Reply<JoinOutcome> joined = kit.join(Join.consumer().client("old").beforeV4());
        assertFalse(joined.answered());
        kit.executor.advance(INITIAL_DELAY_MS);
        JoinOutcome outcome = joined.get();
        assertEquals(ErrorCode.NONE, outcome.error());
        assertEquals(1, outcome.generationId());
        assertTrue(outcome.memberId().startsWith("old-"), outcome.memberId());
        assertEquals(outcome.memberId(), outcome.leaderId());
    }

    @Test
    void theProtocolMostMembersPreferAmongThoseAllSupportIsChosen() {
        kit.joinNew(Join.consumer().client("a").withProtocols(protocol("range", "orders"), protocol("roundrobin", "payments")));
        kit.joinNew(Join.consumer().client("b").withProtocols(protocol("roundrobin", "payments"), protocol("range", "orders")));
        Joining c = kit.joinNew(Join.consumer().client("c").withProtocols(protocol("roundrobin", "payments"), protocol("range", "orders")));
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        JoinOutcome outcome = c.reply().get();
        assertEquals("roundrobin", outcome.protocolName());
        assertEquals(1, outcome.generationId());
    }

    @Test
    void aProtocolNotEveryMemberSupportsIsNotChosenEvenIfMostPreferIt() {
        Joining a = kit.joinNew(Join.consumer().client("a").withProtocols(protocol("sticky", "orders"), protocol("range", "orders")));
        kit.joinNew(Join.consumer().client("b").withProtocols(protocol("range", "payments")));
        kit.joinNew(Join.consumer().client("c").withProtocols(protocol("sticky", "orders"), protocol("range", "orders")));
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        JoinOutcome leader = a.reply().get();
        assertEquals("range", leader.protocolName());
        for (JoinOutcome.MemberMetadata member : leader.members()) {
            byte[] expected = member.memberId().startsWith("b-") ? subscription("payments") : subscription("orders");
            assertArrayEquals(expected, member.metadata(), "the leader gets each member's metadata for the chosen protocol");
        }
    }

    @Test
    void aTiedVoteGoesToTheFirstMembersEarlierPreference() {
        // Kafka leaves ties to hash order; this coordinator documents a deterministic rule (ClassicGroup.selectProtocol).
        Joining a = kit.joinNew(Join.consumer().client("a").withProtocols(protocol("range", "orders"), protocol("roundrobin", "orders")));
        kit.joinNew(Join.consumer().client("b").withProtocols(protocol("roundrobin", "orders"), protocol("range", "orders")));
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        assertEquals("range", a.reply().get().protocolName());
    }

    @Test
    void aMemberWithNoProtocolInCommonOrAnotherProtocolTypeIsRefused() {
        Joining a = kit.joinNew(Join.consumer().client("a").withProtocols(protocol("range", "orders")));

        JoinOutcome noCommonProtocol = kit.join(Join.consumer().client("b").withProtocols(protocol("roundrobin", "orders"))).get();
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, noCommonProtocol.error());
        assertEquals(JoinOutcome.NO_GENERATION, noCommonProtocol.generationId());
        JoinOutcome otherType = kit.join(Join.consumer().client("c").type("connect").withProtocols(protocol("range", "orders"))).get();
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, otherType.error());

        kit.executor.advance(INITIAL_DELAY_MS);
        assertEquals(1, a.reply().get().members().size(), "refused members are not in the group");
    }

    @Test
    void aNewGroupNeedsAProtocolTypeAndAtLeastOneProtocol() {
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, kit.join(Join.consumer().type("")).get().error());
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, kit.join(Join.consumer().withProtocols()).get().error());
    }

    @Test
    void aSessionTimeoutOutsideTheConfiguredBoundsIsRefusedBeforeTheGroupIsCreated() {
        assertEquals(ErrorCode.INVALID_SESSION_TIMEOUT, kit.join(Join.consumer().session(MIN_SESSION_MS - 1)).get().error());
        assertEquals(ErrorCode.INVALID_SESSION_TIMEOUT, kit.join(Join.consumer().session(MAX_SESSION_MS + 1)).get().error());
        assertEquals(List.of(), kit.list(Set.of(), Set.of()));

        assertEquals(ErrorCode.MEMBER_ID_REQUIRED, kit.join(Join.consumer().session(MIN_SESSION_MS)).get().error());
        assertEquals(ErrorCode.MEMBER_ID_REQUIRED, kit.join(Join.consumer().session(MAX_SESSION_MS)).get().error());
    }

    @Test
    void anUnknownMemberIdIsRefusedByEveryMembershipRequest() {
        JoinOutcome unknownGroup = kit.join(Join.consumer().member("ghost")).get();
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, unknownGroup.error());
        assertEquals("ghost", unknownGroup.memberId());
        assertEquals(List.of(), kit.list(Set.of(), Set.of()), "a join with a member id does not create the group");
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.heartbeat("ghost", 0));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.sync("ghost", 0).get().error());

        StableGroup group = kit.stableGroup(Join.consumer());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.join(Join.consumer().member("ghost")).get().error());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.heartbeat("ghost", group.generationId()));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.sync("ghost", group.generationId()).get().error());
        assertEquals("Stable", kit.state(GROUP));
    }

    @Test
    void aRequestOfAnotherGenerationIsIllegal() {
        StableGroup group = kit.stableGroup(Join.consumer());
        assertEquals(1, group.generationId());
        assertEquals(ErrorCode.ILLEGAL_GENERATION, kit.heartbeat(group.leader(), 0));
        assertEquals(ErrorCode.ILLEGAL_GENERATION, kit.heartbeat(group.leader(), 2));
        assertEquals(ErrorCode.ILLEGAL_GENERATION, kit.sync(group.leader(), 2).get().error());
        assertEquals(ErrorCode.NONE, kit.heartbeat(group.leader(), 1));
    }

    @Test
    void aSyncNamingAnotherProtocolIsInconsistent() {
        StableGroup group = kit.stableGroup(Join.consumer());
        Reply<SyncOutcome> otherName = new Reply<>();
        kit.coordinator.sync(new SyncParams(GROUP, 1, group.leader(), null, CONSUMER, "roundrobin", Map.of()), otherName);
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, otherName.get().error());
        Reply<SyncOutcome> otherType = new Reply<>();
        kit.coordinator.sync(new SyncParams(GROUP, 1, group.leader(), null, "connect", "range", Map.of()), otherType);
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, otherType.get().error());
        Reply<SyncOutcome> same = new Reply<>();
        kit.coordinator.sync(new SyncParams(GROUP, 1, group.leader(), null, CONSUMER, "range", Map.of()), same);
        assertEquals(new SyncResult(ErrorCode.NONE, CONSUMER, "range", "assignment-0"), SyncResult.of(same.get()));
    }

    @Test
    void aRetriedJoinDuringCompletingRebalanceGetsTheSameGenerationBack() {
        Join a = Join.consumer().client("a");
        Joining joining = kit.joinNew(a);
        kit.executor.advance(INITIAL_DELAY_MS);
        assertEquals(1, joining.reply().get().generationId());

        JoinOutcome retried = kit.join(a.member(joining.memberId())).get();
        assertEquals(ErrorCode.NONE, retried.error());
        assertEquals(1, retried.generationId());
        assertEquals(joining.memberId(), retried.leaderId());
        assertEquals(1, retried.members().size());
        assertEquals("CompletingRebalance", kit.state(GROUP));
    }

    @Test
    void aFollowerRejoiningAStableGroupWithTheSameMetadataGetsTheCurrentGenerationWithoutARebalance() {
        StableGroup group = kit.stableGroup(Join.consumer().client("a"), Join.consumer().client("b"));
        JoinOutcome rejoined = kit.join(Join.consumer().client("b").member(group.member(1))).get();
        assertEquals(ErrorCode.NONE, rejoined.error());
        assertEquals(group.generationId(), rejoined.generationId());
        assertEquals(group.leader(), rejoined.leaderId());
        assertEquals(List.of(), rejoined.members());
        assertEquals("Stable", kit.state(GROUP));
        assertEquals(new SyncResult(ErrorCode.NONE, CONSUMER, "range", "assignment-1"), SyncResult.of(kit.sync(group.member(1), 1).get()));
    }

    @Test
    void theLeaderRejoiningAStableGroupStartsARebalance() {
        StableGroup group = kit.stableGroup(Join.consumer().client("a"), Join.consumer().client("b"));
        Reply<JoinOutcome> leaderRejoin = kit.join(Join.consumer().client("a").member(group.leader()));
        assertFalse(leaderRejoin.answered());
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.heartbeat(group.member(1), 1));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.sync(group.member(1), 1).get().error());

        JoinOutcome follower = kit.join(Join.consumer().client("b").member(group.member(1))).get();
        assertEquals(2, follower.generationId());
        assertEquals(2, leaderRejoin.get().generationId());
        assertEquals(2, leaderRejoin.get().members().size());
    }

    /** A SyncGroup answer in a comparable form. */
    record SyncResult(ErrorCode error, String protocolType, String protocolName, String assignment) {
        static SyncResult of(SyncOutcome outcome) {
            return new SyncResult(outcome.error(), outcome.protocolType(), outcome.protocolName(),
                    new String(outcome.assignment(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
