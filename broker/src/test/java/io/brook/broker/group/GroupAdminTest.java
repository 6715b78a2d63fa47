package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.CONSUMER;
import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.INITIAL_DELAY_MS;
import static io.brook.broker.group.GroupTestKit.assignment;
import static io.brook.broker.group.GroupTestKit.offset;
import static io.brook.broker.group.GroupTestKit.protocol;
import static io.brook.broker.group.GroupTestKit.subscription;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.Joining;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DescribeGroups, ListGroups and DeleteGroups. */
class GroupAdminTest {
    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void aStableGroupIsDescribedWithItsProtocolAndEachMembersMetadataAndAssignment() {
        StableGroup group = kit.stableGroup(
                Join.consumer().client("a").withProtocols(protocol("range", "orders")),
                Join.consumer().client("b").instance("i-b").withProtocols(protocol("range", "orders", "payments")));
        GroupSummary summary = kit.describe(GROUP);
        assertTrue(summary.found());
        assertEquals(GROUP, summary.groupId());
        assertEquals("Stable", summary.state());
        assertEquals(CONSUMER, summary.protocolType());
        assertEquals("range", summary.protocolName());
        assertEquals(2, summary.members().size());
        GroupSummary.Member a = summary.members().get(0);
        GroupSummary.Member b = summary.members().get(1);
        assertEquals(group.leader(), a.memberId());
        assertNull(a.groupInstanceId());
        assertEquals("a", a.clientId());
        assertEquals("/10.0.0.1", a.clientHost());
        assertArrayEquals(subscription("orders"), a.metadata());
        assertArrayEquals(assignment(0), a.assignment());
        assertEquals(group.member(1), b.memberId());
        assertEquals("i-b", b.groupInstanceId());
        assertEquals("b", b.clientId());
        assertArrayEquals(subscription("orders", "payments"), b.metadata());
        assertArrayEquals(assignment(1), b.assignment());
    }

    @Test
    void aRebalancingGroupIsDescribedWithoutProtocolMetadataButWithTheLastAssignments() {
        StableGroup group = kit.stableGroup(Join.consumer().client("a"));
        Joining b = kit.joinNew(Join.consumer().client("b"));

        GroupSummary preparing = kit.describe(GROUP);
        assertEquals("PreparingRebalance", preparing.state());
        assertEquals(CONSUMER, preparing.protocolType());
        assertEquals("", preparing.protocolName());
        assertEquals(List.of(group.leader(), b.memberId()), preparing.members().stream().map(GroupSummary.Member::memberId).toList());
        for (GroupSummary.Member member : preparing.members()) {
            assertArrayEquals(new byte[0], member.metadata());
        }
        // As Kafka describes it: a member keeps showing the assignment of the last stable generation.
        assertArrayEquals(assignment(0), preparing.members().get(0).assignment());
        assertArrayEquals(new byte[0], preparing.members().get(1).assignment());

        kit.join(Join.consumer().client("a").member(group.leader()));
        GroupSummary completing = kit.describe(GROUP);
        assertEquals("CompletingRebalance", completing.state());
        assertEquals("", completing.protocolName());
        assertArrayEquals(assignment(0), completing.members().get(0).assignment());
    }

    @Test
    void anUnknownGroupIsDescribedAsDeadAndNotFound() {
        assertEquals(new GroupSummary("nope", false, "Dead", "", "", List.of()), kit.describe("nope"));
    }

    @Test
    void listGroupsFiltersByStateCaseInsensitivelyAndByTheClassicType() {
        kit.commitSimple("simple", offset("orders", 0, 1)).get();
        kit.stableGroup(Join.consumer());
        kit.joinNew(Join.consumer().group("joining"));

        assertEquals(Set.of("simple:Empty:", GROUP + ":Stable:consumer", "joining:PreparingRebalance:consumer"), listed(Set.of(), Set.of()));
        assertEquals(Set.of(GROUP + ":Stable:consumer"), listed(Set.of("stable"), Set.of()));
        assertEquals(Set.of("simple:Empty:", "joining:PreparingRebalance:consumer"), listed(Set.of("EMPTY", "preparingrebalance"), Set.of()));
        assertEquals(Set.of(), listed(Set.of("Dead"), Set.of()));
        assertEquals(3, listed(Set.of(), Set.of("CLASSIC")).size());
        assertEquals(Set.of(), listed(Set.of(), Set.of("consumer")), "\"consumer\" is the new protocol's group type, not a protocol type");
        assertEquals(Set.of("simple:Empty:"), listed(Set.of("Empty"), Set.of("classic")));
    }

    @Test
    void deleteGroupsAnswersEachGroupAndRemovesAnEmptyOneWithItsOffsetsForGood() {
        kit.stableGroup(Join.consumer());
        kit.commitSimple("simple", offset("orders", 0, 1), offset("payments", 0, 2)).get();

        assertEquals(List.of(ErrorCode.NON_EMPTY_GROUP, ErrorCode.GROUP_ID_NOT_FOUND, ErrorCode.NONE),
                kit.deleteGroups(GROUP, "nope", "simple").get());
        assertEquals(List.of(), kit.fetchAll("simple"));
        assertEquals(-1, kit.committed("simple", "orders", 0));
        assertFalse(kit.describe("simple").found());
        assertEquals(Set.of(GROUP + ":Stable:consumer"), listed(Set.of(), Set.of()));
        assertEquals(List.of(ErrorCode.GROUP_ID_NOT_FOUND), kit.deleteGroups("simple").get());

        GroupTestKit reloaded = kit.restart();
        assertFalse(reloaded.describe("simple").found());
        assertEquals(-1, reloaded.committed("simple", "payments", 0));
        assertTrue(reloaded.describe(GROUP).found());
    }

    @Test
    void aGroupEmptiedOfMembersCanBeDeletedAndIsCreatedAfreshByTheNextJoin() {
        StableGroup group = kit.stableGroup(Join.consumer());
        kit.commitAsMember(group.leader(), 1, offset("orders", 0, 9)).get();
        kit.leave(GROUP, GroupTestKit.byMemberId(group.leader()));
        assertEquals(List.of(ErrorCode.NONE), kit.deleteGroups(GROUP).get());
        assertEquals(-1, kit.committed(GROUP, "orders", 0));

        Joining again = kit.joinNew(Join.consumer());
        kit.executor.advance(INITIAL_DELAY_MS);
        assertEquals(1, again.reply().get().generationId(), "a deleted group's generation starts over");
    }

    @Test
    void aDeletionTheStoreFailsLeavesTheGroupToBeDeletedByTheRetry() {
        kit.commitSimple("simple", offset("orders", 0, 7)).get();
        kit.store.failNextAppend();
        assertEquals(List.of(ErrorCode.COORDINATOR_NOT_AVAILABLE), kit.deleteGroups("simple").get());
        assertEquals(7, kit.committed("simple", "orders", 0), "memory agrees with the log, which still has the offset");
        assertTrue(kit.describe("simple").found());

        assertEquals(List.of(ErrorCode.NONE), kit.deleteGroups("simple").get());
        assertEquals(-1, kit.restart().committed("simple", "orders", 0));
    }

    @Test
    void offsetsOfTopicsThatNoLongerExistAreDroppedOnRequest() {
        kit.commitSimple("simple", offset("orders", 0, 7), offset("payments", 0, 3)).get();
        kit.coordinator.dropOffsetsOfMissingTopics(topic -> !topic.equals("orders"));
        assertEquals(-1, kit.committed("simple", "orders", 0));
        assertEquals(3, kit.committed("simple", "payments", 0));
        assertEquals(-1, kit.restart().committed("simple", "orders", 0));
    }

    @Test
    void deleteGroupsOfNoGroupsAnswersAnEmptyList() {
        assertEquals(List.of(), kit.deleteGroups().get());
    }

    private Set<String> listed(Set<String> states, Set<String> types) {
        return kit.list(states, types).stream()
                .map(listing -> listing.groupId() + ":" + listing.state() + ":" + listing.protocolType())
                .collect(Collectors.toSet());
    }
}
