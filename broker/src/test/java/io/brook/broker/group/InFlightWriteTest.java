package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.CHECK_INTERVAL_MS;
import static io.brook.broker.group.GroupTestKit.CONSUMER;
import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.INITIAL_DELAY_MS;
import static io.brook.broker.group.GroupTestKit.RETENTION_MS;
import static io.brook.broker.group.GroupTestKit.START_MS;
import static io.brook.broker.group.GroupTestKit.assignment;
import static io.brook.broker.group.GroupTestKit.byMemberId;
import static io.brook.broker.group.GroupTestKit.offset;
import static io.brook.broker.group.GroupTestKit.partitions;
import static io.brook.broker.group.GroupTestKit.protocol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.Joining;
import io.brook.broker.group.GroupTestKit.Reply;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the coordinator does when the group moves on while one of its writes is still in flight, or the write fails. */
class InFlightWriteTest {
    private static final Join A = Join.consumer().client("a");
    private static final Join B = Join.consumer().client("b");
    private static final Join C = Join.consumer().client("c");

    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void aMemberLeavingWhileTheAssignmentIsBeingStoredSendsTheWaitingMembersBackToRejoin() {
        Joining a = kit.joinNew(A);
        Joining b = kit.joinNew(B);
        Joining c = kit.joinNew(C);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        assertEquals(1, c.reply().get().generationId());
        Reply<SyncOutcome> bSync = kit.sync(b.memberId(), 1);
        kit.store.hold();
        Reply<SyncOutcome> aSync = kit.sync(a.memberId(), 1, Map.of(a.memberId(), assignment(0), b.memberId(), assignment(1)));
        assertEquals(1, kit.store.heldCount());

        assertEquals(List.of(ErrorCode.NONE), kit.leave(GROUP, byMemberId(c.memberId())).memberErrors());
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, aSync.get().error());
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, bSync.get().error());

        kit.store.releaseAll();
        assertEquals("PreparingRebalance", kit.state(GROUP), "the stored assignment of generation 1 does not make the group stable");

        Reply<JoinOutcome> aRejoin = kit.join(A.member(a.memberId()));
        Reply<JoinOutcome> bRejoin = kit.join(B.member(b.memberId()));
        assertEquals(2, aRejoin.get().generationId());
        assertEquals(2, bRejoin.get().generationId());
        Reply<SyncOutcome> bSync2 = kit.sync(b.memberId(), 2);
        kit.sync(a.memberId(), 2, Map.of(a.memberId(), assignment(2), b.memberId(), assignment(3)));
        assertEquals("assignment-3", new String(bSync2.get().assignment(), StandardCharsets.UTF_8));
        assertEquals("Stable", kit.state(GROUP));
    }

    @Test
    void anAssignmentStoredAfterTheGroupReachedTheNextGenerationIsDropped() {
        Joining a = kit.joinNew(A);
        Joining b = kit.joinNew(B);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        kit.store.hold();
        Reply<SyncOutcome> aSync = kit.sync(a.memberId(), 1, Map.of(a.memberId(), assignment(0), b.memberId(), assignment(1)));

        // B rejoins with a new subscription: generation 2 starts and completes its join phase.
        Join changedB = B.withProtocols(protocol("range", "orders", "payments")).member(b.memberId());
        Reply<JoinOutcome> bRejoin = kit.join(changedB);
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, aSync.get().error());
        Reply<JoinOutcome> aRejoin = kit.join(A.member(a.memberId()));
        assertEquals(2, aRejoin.get().generationId());
        assertEquals(2, bRejoin.get().generationId());

        kit.store.releaseNext();
        assertEquals("CompletingRebalance", kit.state(GROUP));
        Reply<SyncOutcome> bSync = kit.sync(b.memberId(), 2);
        assertFalse(bSync.answered(), "generation 1's assignment is not handed out in generation 2");

        kit.store.releaseAll();
        kit.sync(a.memberId(), 2, Map.of(a.memberId(), assignment(4), b.memberId(), assignment(5)));
        assertEquals("assignment-5", new String(bSync.get().assignment(), StandardCharsets.UTF_8));
    }

    @Test
    void anAssignmentTheStoreFailsIsAnsweredCoordinatorNotAvailableAndTheGroupRebalances() {
        Joining a = kit.joinNew(A);
        Joining b = kit.joinNew(B);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        Reply<SyncOutcome> bSync = kit.sync(b.memberId(), 1);
        kit.store.failNextAppend();
        Reply<SyncOutcome> aSync = kit.sync(a.memberId(), 1, Map.of(a.memberId(), assignment(0), b.memberId(), assignment(1)));
        // Kafka answers with the store's error mapped for the client (COORDINATOR_NOT_AVAILABLE for most), and rebalances.
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, aSync.get().error());
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, bSync.get().error());
        assertEquals("PreparingRebalance", kit.state(GROUP));

        kit.join(A.member(a.memberId()));
        assertEquals(2, kit.join(B.member(b.memberId())).get().generationId());
    }

    @Test
    void aGroupDeletedWhileACommitIsInFlightAnswersTheCommitAndStaysDeleted() {
        kit.commitSimple("simple", offset("orders", 0, 1)).get();
        kit.store.hold();
        Reply<List<ErrorCode>> commit = kit.commitSimple("simple", offset("orders", 1, 2));
        Reply<List<ErrorCode>> deleted = kit.deleteGroups("simple");
        kit.store.releaseAll();
        assertEquals(List.of(ErrorCode.NONE), deleted.get());
        assertEquals(List.of(ErrorCode.NONE), commit.get());
        assertEquals(-1, kit.committed("simple", "orders", 1));
        assertFalse(kit.describe("simple").found());

        GroupTestKit reloaded = kit.restart();
        assertEquals(-1, reloaded.committed("simple", "orders", 1), "the commit written before the deletion is deleted with the group");
        assertFalse(reloaded.describe("simple").found());
    }

    @Test
    void anOffsetDeletedWhileItsCommitIsInFlightStaysDeleted() {
        kit.commitSimple("simple", offset("orders", 0, 1)).get();
        kit.store.hold();
        Reply<List<ErrorCode>> commit = kit.commitSimple("simple", offset("orders", 1, 2));
        Reply<GroupCoordinator.OffsetDeleteOutcome> deleted = kit.deleteOffsets("simple", partitions("orders", 1));
        kit.store.releaseAll();
        assertEquals(List.of(ErrorCode.NONE), commit.get());
        assertEquals(new GroupCoordinator.OffsetDeleteOutcome(ErrorCode.NONE, List.of(ErrorCode.NONE)), deleted.get());
        assertEquals(-1, kit.committed("simple", "orders", 1));
        assertEquals(1, kit.committed("simple", "orders", 0));
        assertEquals(-1, kit.restart().committed("simple", "orders", 1));
    }

    @Test
    void anOffsetRecommittedWhileItsOldValueExpiresIsKept() {
        kit.commitSimple("simple", offset("orders", 0, 1)).get();
        // The expiry check at START_MS + RETENTION_MS finds the first value expired while its successor is being written.
        kit.executor.advanceTo(START_MS + RETENTION_MS - 1);
        kit.store.hold();
        Reply<List<ErrorCode>> recommit = kit.commitSimple("simple", offset("orders", 0, 2));
        kit.executor.advance(1);
        kit.store.releaseAll();

        assertEquals(List.of(ErrorCode.NONE), recommit.get());
        assertEquals(2, kit.committed("simple", "orders", 0));
        assertEquals(2, kit.restart().committed("simple", "orders", 0));
    }

    @Test
    void anEmptyGroupIsNotRemovedByExpiryWhileACommitToItIsInFlight() {
        StableGroup group = kit.stableGroup(A);
        kit.leave(GROUP, byMemberId(group.leader()));
        assertEquals("Empty", kit.state(GROUP));
        // The first expiry check finds the group empty and without offsets, but one is being written.
        kit.executor.advanceTo(START_MS + CHECK_INTERVAL_MS - 1);
        kit.store.hold();
        Reply<List<ErrorCode>> commit = kit.commitSimple(GROUP, offset("orders", 0, 1));
        kit.executor.advance(1);
        kit.store.releaseAll();
        assertEquals(List.of(ErrorCode.NONE), commit.get());

        GroupTestKit reloaded = kit.restart();
        assertEquals(1, reloaded.committed(GROUP, "orders", 0));
        assertEquals(CONSUMER, reloaded.describe(GROUP).protocolType(), "the group's metadata survives");
        Joining rejoined = reloaded.joinNew(A);
        reloaded.executor.advance(INITIAL_DELAY_MS);
        assertEquals(3, rejoined.reply().get().generationId());
    }

    @Test
    void aCommitQueuedBehindTheTombstonesOfAnExpiringGroupKeepsTheGroup() {
        kit.commitSimple("simple", offset("orders", 0, 1)).get();
        // The expiry check finds the group's only offset expired and writes its tombstones; a
        // commit to the group arrives while they are in flight and is queued behind them.
        kit.executor.advanceTo(START_MS + RETENTION_MS - 1);
        kit.store.hold();
        kit.executor.advance(1);
        Reply<List<ErrorCode>> commit = kit.commitSimple("simple", offset("orders", 0, 2));
        kit.store.releaseAll();

        assertEquals(List.of(ErrorCode.NONE), commit.get());
        assertEquals(2, kit.committed("simple", "orders", 0), "the acknowledged commit is visible");
        assertEquals(2, kit.restart().committed("simple", "orders", 0));
    }

    @Test
    void aRepeatedSyncGroupAnswersTheOneItSupersedes() {
        Joining leader = kit.joinNew(A);
        Joining follower = kit.joinNew(Join.consumer().client("b"));
        // The second member joined within the initial delay, which therefore runs once more.
        kit.executor.advance(2 * INITIAL_DELAY_MS);
        int generation = follower.reply().get().generationId();
        Reply<SyncOutcome> first = kit.sync(follower.memberId(), generation);
        Reply<SyncOutcome> second = kit.sync(follower.memberId(), generation);
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, first.get().error(), "the superseded SyncGroup is answered, not dropped");
        assertFalse(second.answered(), "the follower waits for the leader's assignment");

        kit.sync(leader.memberId(), generation, Map.of(leader.memberId(), assignment(0), follower.memberId(), assignment(1))).get();
        assertEquals(ErrorCode.NONE, second.get().error());
    }
}
