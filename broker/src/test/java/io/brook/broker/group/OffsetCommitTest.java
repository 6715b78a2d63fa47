package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.CONSUMER;
import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.INITIAL_DELAY_MS;
import static io.brook.broker.group.GroupTestKit.METADATA_MAX_BYTES;
import static io.brook.broker.group.GroupTestKit.offset;
import static io.brook.broker.group.GroupTestKit.partitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.brook.broker.group.GroupCoordinator.FetchedOffset;
import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.Joining;
import io.brook.broker.group.GroupTestKit.Reply;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OffsetCommit and OffsetFetch: Kafka's validation, visibility once stored, and reload from the store. */
class OffsetCommitTest {
    private static final Join A = Join.consumer().client("a");
    private static final Join B = Join.consumer().client("b");

    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void aCommitFromOutsideGroupManagementCreatesAGroupWithNoProtocolType() {
        Reply<List<ErrorCode>> committed = kit.commitSimple("simple", new OffsetCommitParams.PartitionOffset("orders", 1, 42, 7, "checkpoint"));
        assertEquals(List.of(ErrorCode.NONE), committed.get());
        assertEquals(List.of(new GroupListing("simple", "", "Empty")), kit.list(Set.of(), Set.of()));
        assertEquals(List.of(new FetchedOffset("orders", 1, 42, 7, "checkpoint")), kit.fetchAll("simple"));
        GroupSummary summary = kit.describe("simple");
        assertEquals("Empty", summary.state());
        assertEquals("", summary.protocolType());
        assertEquals(List.of(new GroupRecord.OffsetCommit("simple", "orders", 1, 42, 7, "checkpoint", GroupTestKit.START_MS, -1)),
                kit.store.log());
    }

    @Test
    void aMemberOfAStableGroupCommitsWithItsGeneration() {
        StableGroup group = kit.stableGroup(A);
        assertEquals(List.of(ErrorCode.NONE), kit.commitAsMember(group.leader(), 1, offset("orders", 0, 10)).get());
        assertEquals(10, kit.committed(GROUP, "orders", 0));
    }

    @Test
    void aCommitOfAnotherGenerationOrAnUnknownMemberIsRefused() {
        StableGroup group = kit.stableGroup(A);
        assertEquals(List.of(ErrorCode.ILLEGAL_GENERATION, ErrorCode.ILLEGAL_GENERATION),
                kit.commitAsMember(group.leader(), 2, offset("orders", 0, 10), offset("orders", 1, 11)).get());
        assertEquals(List.of(ErrorCode.UNKNOWN_MEMBER_ID), kit.commitAsMember("ghost", 1, offset("orders", 0, 10)).get());
        assertEquals(List.of(ErrorCode.UNKNOWN_MEMBER_ID), kit.commitSimple(GROUP, offset("orders", 0, 10)).get(),
                "a commit with no member and no generation is only taken by an empty group");
        assertEquals(-1, kit.committed(GROUP, "orders", 0));
    }

    @Test
    void aCommitDuringCompletingRebalanceIsRefusedWithRebalanceInProgress() {
        Joining a = kit.joinNew(A);
        kit.executor.advance(INITIAL_DELAY_MS);
        assertEquals("CompletingRebalance", kit.state(GROUP));
        assertEquals(List.of(ErrorCode.REBALANCE_IN_PROGRESS), kit.commitAsMember(a.memberId(), 1, offset("orders", 0, 10)).get());
        assertEquals(-1, kit.committed(GROUP, "orders", 0));
    }

    @Test
    void aCommitDuringPreparingRebalanceWithTheCurrentGenerationIsAccepted() {
        StableGroup group = kit.stableGroup(A);
        kit.joinNew(B);
        assertEquals("PreparingRebalance", kit.state(GROUP));
        // The member commits what it consumed before it gives up its partitions (commit on revoke).
        assertEquals(List.of(ErrorCode.NONE), kit.commitAsMember(group.leader(), 1, offset("orders", 0, 10)).get());
        assertEquals(List.of(ErrorCode.ILLEGAL_GENERATION), kit.commitAsMember(group.leader(), 2, offset("orders", 0, 11)).get());
        assertEquals(10, kit.committed(GROUP, "orders", 0));
    }

    @Test
    void aCommitWithAGenerationToAnUnknownGroupIsGroupIdNotFoundFromVersion9AndIllegalGenerationBefore() {
        OffsetCommitParams request = new OffsetCommitParams("nope", 1, "m", null, -1, List.of(offset("orders", 0, 10)));
        assertEquals(List.of(ErrorCode.GROUP_ID_NOT_FOUND), kit.commit(request, (short) 9).get());
        assertEquals(List.of(ErrorCode.ILLEGAL_GENERATION), kit.commit(request, (short) 8).get());
        assertEquals(List.of(), kit.list(Set.of(), Set.of()), "a refused commit creates no group");
        assertEquals(List.of(), kit.store.log());
    }

    @Test
    void metadataOverTheLimitIsRefusedPartitionByPartition() {
        String largest = "m".repeat(METADATA_MAX_BYTES);
        Reply<List<ErrorCode>> committed = kit.commitSimple("simple",
                new OffsetCommitParams.PartitionOffset("orders", 0, 1, -1, largest),
                new OffsetCommitParams.PartitionOffset("payments", 0, 3, -1, largest + "m"),
                new OffsetCommitParams.PartitionOffset("orders", 2, 5, -1, null));
        assertEquals(List.of(ErrorCode.NONE, ErrorCode.OFFSET_METADATA_TOO_LARGE, ErrorCode.NONE), committed.get());
        assertEquals(List.of(new FetchedOffset("orders", 0, 1, -1, largest), new FetchedOffset("orders", 2, 5, -1, "")),
                kit.fetchAll("simple"), "null metadata is stored as \"\"");
        assertEquals(2, kit.store.log().size());
    }

    @Test
    void aCommitIsNotVisibleUntilTheStoreHasIt() {
        kit.store.hold();
        Reply<List<ErrorCode>> committed = kit.commitSimple("simple", offset("orders", 0, 42));
        assertFalse(committed.answered());
        assertEquals(-1, kit.committed("simple", "orders", 0));
        assertEquals(List.of(), kit.fetchAll("simple"));

        kit.store.releaseAll();
        assertEquals(List.of(ErrorCode.NONE), committed.get());
        assertEquals(42, kit.committed("simple", "orders", 0));
    }

    @Test
    void aCommitTheStoreFailsIsAnsweredCoordinatorNotAvailableAndNotVisible() {
        assertEquals(List.of(ErrorCode.NONE), kit.commitSimple("simple", offset("orders", 0, 1)).get());
        kit.store.failNextAppend();
        assertEquals(List.of(ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_NOT_AVAILABLE),
                kit.commitSimple("simple", offset("orders", 0, 2), offset("orders", 1, 2)).get());
        assertEquals(1, kit.committed("simple", "orders", 0));
        assertEquals(List.of(ErrorCode.NONE), kit.commitSimple("simple", offset("orders", 0, 3)).get());
        assertEquals(3, kit.committed("simple", "orders", 0));
    }

    @Test
    void fetchReturnsAllOffsetsInTopicAndPartitionOrderOrTheRequestedOnesWithMinusOneForNone() {
        kit.commitSimple("simple", offset("payments", 0, 30), offset("orders", 2, 12), offset("orders", 0, 10)).get();
        kit.commitSimple("simple", offset("orders", 2, 13)).get();

        assertEquals(List.of(new FetchedOffset("orders", 0, 10, -1, ""), new FetchedOffset("orders", 2, 13, -1, ""),
                new FetchedOffset("payments", 0, 30, -1, "")), kit.fetchAll("simple"));
        assertEquals(List.of(new FetchedOffset("orders", 1, -1, -1, ""), new FetchedOffset("orders", 2, 13, -1, ""),
                new FetchedOffset("nope", 0, -1, -1, "")), kit.fetch("simple", partitions("orders", 1, 2), partitions("nope", 0)));
        assertEquals(List.of(new FetchedOffset("orders", 0, -1, -1, "")), kit.fetch("unknown", partitions("orders", 0)));
        assertEquals(List.of(), kit.fetchAll("unknown"));
    }

    @Test
    void aRetentionTimeFromOffsetCommitVersion2To4IsStoredAsAnExpireTimestamp() {
        kit.commit(new OffsetCommitParams("simple", -1, "", null, 60_000, List.of(offset("orders", 0, 1))), (short) 2).get();
        assertEquals(List.of(new GroupRecord.OffsetCommit("simple", "orders", 0, 1, -1, "", GroupTestKit.START_MS,
                GroupTestKit.START_MS + 60_000)), kit.store.log());
    }

    @Test
    void aNewCoordinatorLoadsTheOffsetsAndTheGroupsAsEmptyWithTheirProtocolTypeAndGeneration() {
        StableGroup group = kit.stableGroup(A, B);
        kit.commitAsMember(group.leader(), 1, offset("orders", 0, 100), offset("orders", 1, 101)).get();
        kit.commitSimple("simple", new OffsetCommitParams.PartitionOffset("payments", 0, 7, 3, "x")).get();

        GroupTestKit reloaded = kit.restart();
        assertEquals(List.of(new FetchedOffset("orders", 0, 100, -1, ""), new FetchedOffset("orders", 1, 101, -1, "")),
                reloaded.fetchAll(GROUP));
        assertEquals(List.of(new FetchedOffset("payments", 0, 7, 3, "x")), reloaded.fetchAll("simple"));
        GroupSummary summary = reloaded.describe(GROUP);
        assertEquals("Empty", summary.state());
        assertEquals(CONSUMER, summary.protocolType());
        assertEquals(List.of(), summary.members());
        assertEquals(Set.of(new GroupListing(GROUP, CONSUMER, "Empty"), new GroupListing("simple", "", "Empty")),
                Set.copyOf(reloaded.list(Set.of(), Set.of())));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, reloaded.heartbeat(group.leader(), 1), "members are not kept across a restart");

        // The generation carries on from the stored one.
        Joining rejoined = reloaded.joinNew(A);
        reloaded.executor.advance(INITIAL_DELAY_MS);
        assertEquals(2, rejoined.reply().get().generationId());
    }
}
