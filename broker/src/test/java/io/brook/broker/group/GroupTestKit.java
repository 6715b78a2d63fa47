package io.brook.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A coordinator on a manual clock and an in-memory store, with one helper per request so that
 * tests read as the client's side of the conversation. Every helper checks how often the
 * coordinator answered: a request answered twice is as wrong as one never answered.
 */
final class GroupTestKit {
    static final long START_MS = 1_700_000_000_000L;
    static final String GROUP = "g";
    static final String CONSUMER = "consumer";
    static final int INITIAL_DELAY_MS = 3_000;
    static final int MIN_SESSION_MS = 6_000;
    static final int MAX_SESSION_MS = 1_800_000;
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;
    static final long RETENTION_MS = 3_600_000;
    static final long CHECK_INTERVAL_MS = 600_000;
    static final int METADATA_MAX_BYTES = 4096;
    static final short COMMIT_VERSION = 9;

    final ManualCoordinatorExecutor executor;
    final InMemoryGroupStore store;
    final GroupCoordinatorConfig config;
    final GroupCoordinator coordinator;

    private GroupTestKit(ManualCoordinatorExecutor executor, InMemoryGroupStore store, GroupCoordinatorConfig config) {
        this.executor = executor;
        this.store = store;
        this.config = config;
        try {
            this.coordinator = GroupCoordinator.start(store, config, executor);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static GroupCoordinatorConfig config() {
        return new GroupCoordinatorConfig(INITIAL_DELAY_MS, MIN_SESSION_MS, MAX_SESSION_MS, Integer.MAX_VALUE, RETENTION_MS,
                CHECK_INTERVAL_MS, METADATA_MAX_BYTES);
    }

    static GroupTestKit start() {
        return start(config());
    }

    static GroupTestKit start(GroupCoordinatorConfig config) {
        return new GroupTestKit(new ManualCoordinatorExecutor(START_MS), new InMemoryGroupStore(), config);
    }

    /** A new coordinator loading this one's store, on a fresh executor whose clock starts at this one's now. */
    GroupTestKit restart() {
        return new GroupTestKit(new ManualCoordinatorExecutor(executor.nowMs()), store, config);
    }

    // Answers.

    /** Collects the answers to one request. */
    static final class Reply<T> implements Consumer<T> {
        private final List<T> answers = new ArrayList<>();

        @Override
        public void accept(T answer) {
            answers.add(answer);
        }

        boolean answered() {
            return !answers.isEmpty();
        }

        /** The one answer; fails when there is none or more than one. */
        T get() {
            assertEquals(1, answers.size(), "answers to the request: " + answers);
            return answers.get(0);
        }
    }

    // Requests.

    /** A JoinGroup, with the defaults of a consumer that subscribes to "orders" and assigns with "range". */
    record Join(String groupId, String memberId, String groupInstanceId, String clientId, int sessionTimeoutMs,
                int rebalanceTimeoutMs, String protocolType, List<MemberProtocol> protocols, boolean requireKnownMemberId) {
        static Join consumer() {
            return new Join(GROUP, "", null, "client", SESSION_MS, REBALANCE_MS, CONSUMER,
                    List.of(new MemberProtocol("range", subscription("orders"))), true);
        }

        Join group(String newGroupId) {
            return new Join(newGroupId, memberId, groupInstanceId, clientId, sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols,
                    requireKnownMemberId);
        }

        Join member(String newMemberId) {
            return new Join(groupId, newMemberId, groupInstanceId, clientId, sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols,
                    requireKnownMemberId);
        }

        Join instance(String newGroupInstanceId) {
            return new Join(groupId, memberId, newGroupInstanceId, clientId, sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols,
                    requireKnownMemberId);
        }

        Join client(String newClientId) {
            return new Join(groupId, memberId, groupInstanceId, newClientId, sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols,
                    requireKnownMemberId);
        }

        Join session(int newSessionTimeoutMs) {
            return new Join(groupId, memberId, groupInstanceId, clientId, newSessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols,
                    requireKnownMemberId);
        }

        Join rebalance(int newRebalanceTimeoutMs) {
            return new Join(groupId, memberId, groupInstanceId, clientId, sessionTimeoutMs, newRebalanceTimeoutMs, protocolType, protocols,
                    requireKnownMemberId);
        }

        Join type(String newProtocolType) {
            return new Join(groupId, memberId, groupInstanceId, clientId, sessionTimeoutMs, rebalanceTimeoutMs, newProtocolType, protocols,
                    requireKnownMemberId);
        }

        Join withProtocols(MemberProtocol... newProtocols) {
            return new Join(groupId, memberId, groupInstanceId, clientId, sessionTimeoutMs, rebalanceTimeoutMs, protocolType,
                    List.of(newProtocols), requireKnownMemberId);
        }

        /** JoinGroup v0-v3: no MEMBER_ID_REQUIRED round trip. */
        Join beforeV4() {
            return new Join(groupId, memberId, groupInstanceId, clientId, sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols,
                    false);
        }

        JoinParams params() {
            return new JoinParams(groupId, memberId, groupInstanceId, clientId, "/10.0.0.1", sessionTimeoutMs, rebalanceTimeoutMs,
                    protocolType, protocols, requireKnownMemberId, true);
        }
    }

    /** A JoinGroup sent with a member id the coordinator handed out, and its still possibly pending answer. */
    record Joining(String memberId, Reply<JoinOutcome> reply) {
    }

    Reply<JoinOutcome> join(Join join) {
        Reply<JoinOutcome> reply = new Reply<>();
        coordinator.join(join.params(), reply);
        return reply;
    }

    /** The first JoinGroup (v4+) of a dynamic member: MEMBER_ID_REQUIRED and the id to rejoin with. */
    String memberIdRequired(Join join) {
        JoinOutcome outcome = join(join.member("")).get();
        assertEquals(ErrorCode.MEMBER_ID_REQUIRED, outcome.error());
        assertEquals(JoinOutcome.NO_GENERATION, outcome.generationId());
        assertTrue(outcome.memberId().startsWith(join.clientId() + "-"), outcome.memberId());
        return outcome.memberId();
    }

    /** Both JoinGroups of a new dynamic member; the second is usually still waiting for the join phase to end. */
    Joining joinNew(Join join) {
        String memberId = memberIdRequired(join);
        return new Joining(memberId, join(join.member(memberId)));
    }

    Reply<SyncOutcome> sync(String groupId, String memberId, String groupInstanceId, int generationId, Map<String, byte[]> assignments) {
        Reply<SyncOutcome> reply = new Reply<>();
        coordinator.sync(new SyncParams(groupId, generationId, memberId, groupInstanceId, null, null, assignments), reply);
        return reply;
    }

    Reply<SyncOutcome> sync(String memberId, int generationId, Map<String, byte[]> assignments) {
        return sync(GROUP, memberId, null, generationId, assignments);
    }

    Reply<SyncOutcome> sync(String memberId, int generationId) {
        return sync(memberId, generationId, Map.of());
    }

    ErrorCode heartbeat(String groupId, String memberId, String groupInstanceId, int generationId) {
        Reply<ErrorCode> reply = new Reply<>();
        coordinator.heartbeat(groupId, generationId, memberId, groupInstanceId, reply);
        return reply.get();
    }

    ErrorCode heartbeat(String memberId, int generationId) {
        return heartbeat(GROUP, memberId, null, generationId);
    }

    GroupCoordinator.LeaveOutcome leave(String groupId, GroupCoordinator.LeavingMember... members) {
        Reply<GroupCoordinator.LeaveOutcome> reply = new Reply<>();
        coordinator.leave(groupId, List.of(members), reply);
        return reply.get();
    }

    static GroupCoordinator.LeavingMember byMemberId(String memberId) {
        return new GroupCoordinator.LeavingMember(memberId, null);
    }

    Reply<List<ErrorCode>> commit(OffsetCommitParams request, short apiVersion) {
        Reply<List<ErrorCode>> reply = new Reply<>();
        coordinator.commitOffsets(request, apiVersion, reply);
        return reply;
    }

    /** A commit from outside group management (generation -1, no member), as the admin client or a simple consumer sends it. */
    Reply<List<ErrorCode>> commitSimple(String groupId, OffsetCommitParams.PartitionOffset... partitions) {
        return commit(new OffsetCommitParams(groupId, -1, "", null, -1, List.of(partitions)), COMMIT_VERSION);
    }

    Reply<List<ErrorCode>> commitAsMember(String memberId, int generationId, OffsetCommitParams.PartitionOffset... partitions) {
        return commit(new OffsetCommitParams(GROUP, generationId, memberId, null, -1, List.of(partitions)), COMMIT_VERSION);
    }

    static OffsetCommitParams.PartitionOffset offset(String topic, int partition, long offset) {
        return new OffsetCommitParams.PartitionOffset(topic, partition, offset, -1, "");
    }

    List<GroupCoordinator.FetchedOffset> fetchAll(String groupId) {
        Reply<List<GroupCoordinator.FetchedOffset>> reply = new Reply<>();
        coordinator.fetchOffsets(groupId, null, reply);
        return reply.get();
    }

    List<GroupCoordinator.FetchedOffset> fetch(String groupId, GroupCoordinator.TopicPartitions... requested) {
        Reply<List<GroupCoordinator.FetchedOffset>> reply = new Reply<>();
        coordinator.fetchOffsets(groupId, List.of(requested), reply);
        return reply.get();
    }

    /** The committed offset of one partition, -1 when there is none. */
    long committed(String groupId, String topic, int partition) {
        List<GroupCoordinator.FetchedOffset> fetched = fetch(groupId, partitions(topic, partition));
        assertEquals(1, fetched.size());
        return fetched.get(0).offset();
    }

    static GroupCoordinator.TopicPartitions partitions(String topic, Integer... partitions) {
        return new GroupCoordinator.TopicPartitions(topic, List.of(partitions));
    }

    Reply<GroupCoordinator.OffsetDeleteOutcome> deleteOffsets(String groupId, GroupCoordinator.TopicPartitions... requested) {
        Reply<GroupCoordinator.OffsetDeleteOutcome> reply = new Reply<>();
        coordinator.deleteOffsets(groupId, List.of(requested), reply);
        return reply;
    }

    GroupSummary describe(String groupId) {
        Reply<List<GroupSummary>> reply = new Reply<>();
        coordinator.describe(List.of(groupId), reply);
        List<GroupSummary> summaries = reply.get();
        assertEquals(1, summaries.size());
        return summaries.get(0);
    }

    String state(String groupId) {
        return describe(groupId).state();
    }

    List<GroupListing> list(Set<String> states, Set<String> types) {
        Reply<List<GroupListing>> reply = new Reply<>();
        coordinator.list(states, types, reply);
        return reply.get();
    }

    Reply<List<ErrorCode>> deleteGroups(String... groupIds) {
        Reply<List<ErrorCode>> reply = new Reply<>();
        coordinator.deleteGroups(List.of(groupIds), reply);
        return reply;
    }

    // Whole scenarios.

    /** A group that went through its first rebalance: members in join order (the first is the leader) and the generation. */
    record StableGroup(List<String> memberIds, int generationId) {
        String leader() {
            return memberIds.get(0);
        }

        String member(int index) {
            return memberIds.get(index);
        }
    }

    /**
     * Joins each member (two JoinGroups each, at the same instant), waits out the initial delay
     * (extended once when more than one member joined), lets the leader assign {@link
     * #assignment}(i) to member i and every follower sync. Checks each step's answer.
     */
    StableGroup stableGroup(Join... joins) {
        List<Joining> joining = new ArrayList<>();
        for (Join join : joins) {
            if (join.groupInstanceId() != null) {
                joining.add(new Joining(null, join(join)));
            } else {
                joining.add(joinNew(join));
            }
        }
        executor.advance(joins.length == 1 ? INITIAL_DELAY_MS : 2L * INITIAL_DELAY_MS);
        List<String> memberIds = new ArrayList<>();
        int generationId = -1;
        for (Joining each : joining) {
            JoinOutcome outcome = each.reply().get();
            assertEquals(ErrorCode.NONE, outcome.error());
            memberIds.add(outcome.memberId());
            generationId = outcome.generationId();
        }
        assertEquals(memberIds.get(0), joining.get(0).reply().get().leaderId(), "the first member to join leads");
        Map<String, byte[]> assignments = new LinkedHashMap<>();
        for (int i = 0; i < memberIds.size(); i++) {
            assignments.put(memberIds.get(i), assignment(i));
        }
        String groupId = joins[0].groupId();
        // Followers first, so that they wait for the leader's assignment as real ones usually do.
        List<Reply<SyncOutcome>> syncs = new ArrayList<>();
        for (int i = 0; i < memberIds.size(); i++) {
            syncs.add(i == 0 ? null : sync(groupId, memberIds.get(i), joins[i].groupInstanceId(), generationId, Map.of()));
        }
        syncs.set(0, sync(groupId, memberIds.get(0), joins[0].groupInstanceId(), generationId, assignments));
        for (int i = 0; i < syncs.size(); i++) {
            SyncOutcome outcome = syncs.get(i).get();
            assertEquals(ErrorCode.NONE, outcome.error());
            assertEquals(Arrays.toString(assignment(i)), Arrays.toString(outcome.assignment()));
        }
        assertEquals("Stable", state(groupId));
        return new StableGroup(List.copyOf(memberIds), generationId);
    }

    static byte[] assignment(int memberIndex) {
        return ("assignment-" + memberIndex).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A consumer's JoinGroup metadata as Kafka's ConsumerProtocolSubscription v0 lays it out:
     * int16 version, int32 topic count, int16-length topic names, int32 user data length (-1: null).
     */
    static byte[] subscription(String... topics) {
        int sizeInBytes = Short.BYTES + Integer.BYTES + Integer.BYTES;
        for (String topic : topics) {
            sizeInBytes += Short.BYTES + topic.getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(sizeInBytes);
        buffer.putShort((short) 0);
        buffer.putInt(topics.length);
        for (String topic : topics) {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) name.length);
            buffer.put(name);
        }
        buffer.putInt(-1);
        return buffer.array();
    }

    static MemberProtocol protocol(String name, String... topics) {
        return new MemberProtocol(name, subscription(topics));
    }
}
