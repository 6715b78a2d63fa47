package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.offset;
import static io.brook.broker.group.GroupTestKit.partitions;
import static io.brook.broker.group.GroupTestKit.protocol;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brook.broker.group.GroupCoordinator.OffsetDeleteOutcome;
import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OffsetDelete: which groups and topics may lose their committed offsets. */
class OffsetDeleteTest {
    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void anUnknownGroupIsNotFound() {
        assertEquals(new OffsetDeleteOutcome(ErrorCode.GROUP_ID_NOT_FOUND, List.of()),
                kit.deleteOffsets("nope", partitions("orders", 0)).get());
    }

    @Test
    void aStableConsumerGroupKeepsTheOffsetsOfTopicsItSubscribesToAndLosesTheOthers() {
        StableGroup group = kit.stableGroup(Join.consumer().withProtocols(protocol("range", "orders")));
        kit.commitAsMember(group.leader(), 1, offset("orders", 0, 5), offset("payments", 0, 6)).get();
        int appendsBefore = kit.store.appendCount();

        OffsetDeleteOutcome outcome = kit.deleteOffsets(GROUP, partitions("orders", 0, 1), partitions("payments", 0)).get();
        assertEquals(new OffsetDeleteOutcome(ErrorCode.NONE,
                List.of(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.NONE)), outcome);
        assertEquals(5, kit.committed(GROUP, "orders", 0));
        assertEquals(-1, kit.committed(GROUP, "payments", 0));
        assertEquals(appendsBefore + 1, kit.store.appendCount());
        List<GroupRecord> log = kit.store.log();
        assertEquals(new GroupRecord.OffsetTombstone(GROUP, "payments", 0), log.get(log.size() - 1));
    }

    @Test
    void theSubscribedTopicsAreThoseOfEveryMember() {
        StableGroup group = kit.stableGroup(
                Join.consumer().client("a").withProtocols(protocol("range", "orders")),
                Join.consumer().client("b").withProtocols(protocol("range", "payments")));
        kit.commitAsMember(group.leader(), 1, offset("orders", 0, 5), offset("payments", 0, 6)).get();
        assertEquals(new OffsetDeleteOutcome(ErrorCode.NONE, List.of(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC)),
                kit.deleteOffsets(GROUP, partitions("orders", 0), partitions("payments", 0)).get());
        assertEquals(5, kit.committed(GROUP, "orders", 0));
        assertEquals(6, kit.committed(GROUP, "payments", 0));
    }

    @Test
    void anEmptyGroupLosesTheRequestedOffsetsForGood() {
        kit.commitSimple("simple", offset("orders", 0, 1), offset("orders", 2, 3)).get();
        int appendsBefore = kit.store.appendCount();
        assertEquals(new OffsetDeleteOutcome(ErrorCode.NONE, List.of(ErrorCode.NONE, ErrorCode.NONE)),
                kit.deleteOffsets("simple", partitions("orders", 0, 1)).get());
        assertEquals(-1, kit.committed("simple", "orders", 0));
        assertEquals(3, kit.committed("simple", "orders", 2));
        assertEquals(appendsBefore + 1, kit.store.appendCount());

        GroupTestKit reloaded = kit.restart();
        assertEquals(List.of(new GroupCoordinator.FetchedOffset("orders", 2, 3, -1, "")), reloaded.fetchAll("simple"));
    }

    @Test
    void aGroupWithMembersOfAnotherProtocolTypeIsNotEmpty() {
        StableGroup group = kit.stableGroup(Join.consumer().type("connect").withProtocols(protocol("v1", "orders")));
        kit.commitAsMember(group.leader(), 1, offset("orders", 0, 5)).get();
        assertEquals(new OffsetDeleteOutcome(ErrorCode.NON_EMPTY_GROUP, List.of()), kit.deleteOffsets(GROUP, partitions("orders", 0)).get());
        assertEquals(5, kit.committed(GROUP, "orders", 0));
    }

    @Test
    void aDeletionTheStoreFailsKeepsTheOffsets() {
        kit.commitSimple("simple", offset("orders", 0, 1)).get();
        kit.store.failNextAppend();
        assertEquals(new OffsetDeleteOutcome(ErrorCode.COORDINATOR_NOT_AVAILABLE, List.of()),
                kit.deleteOffsets("simple", partitions("orders", 0)).get());
        assertEquals(1, kit.committed("simple", "orders", 0));
    }
}
