package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.brook.bench.broker.ReferenceKafka;
import io.brook.broker.config.BrokerConfig;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DeleteGroupsRequest;
import io.brook.protocol.message.DeleteGroupsResponse.DeletableGroupResult;
import io.brook.protocol.message.DescribeGroupsRequest;
import io.brook.protocol.message.DescribeGroupsResponse;
import io.brook.protocol.message.DescribeGroupsResponse.DescribedGroupMember;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.FindCoordinatorResponse;
import io.brook.protocol.message.HeartbeatRequest;
import io.brook.protocol.message.HeartbeatResponse;
import io.brook.protocol.message.JoinGroupRequest;
import io.brook.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol;
import io.brook.protocol.message.JoinGroupResponse;
import io.brook.protocol.message.JoinGroupResponse.JoinGroupResponseMember;
import io.brook.protocol.message.LeaveGroupRequest;
import io.brook.protocol.message.LeaveGroupRequest.MemberIdentity;
import io.brook.protocol.message.LeaveGroupResponse;
import io.brook.protocol.message.ListGroupsRequest;
import io.brook.protocol.message.ListGroupsResponse;
import io.brook.protocol.message.ListGroupsResponse.ListedGroup;
import io.brook.protocol.message.OffsetCommitRequest;
import io.brook.protocol.message.OffsetCommitRequest.OffsetCommitRequestPartition;
import io.brook.protocol.message.OffsetCommitRequest.OffsetCommitRequestTopic;
import io.brook.protocol.message.OffsetCommitResponse;
import io.brook.protocol.message.OffsetDeleteRequest;
import io.brook.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestPartition;
import io.brook.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestTopic;
import io.brook.protocol.message.OffsetDeleteResponse;
import io.brook.protocol.message.OffsetFetchRequest;
import io.brook.protocol.message.OffsetFetchRequest.OffsetFetchRequestGroup;
import io.brook.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopic;
import io.brook.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopics;
import io.brook.protocol.message.OffsetFetchResponse;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartition;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartitions;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponseTopic;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponseTopics;
import io.brook.protocol.message.SyncGroupRequest;
import io.brook.protocol.message.SyncGroupRequest.SyncGroupRequestAssignment;
import io.brook.protocol.message.SyncGroupResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The classic group coordinator, differentially: one script of raw group requests runs over the
 * wire against the real Apache Kafka (started with {@code ../shared/tools/reference-kafka}) and
 * against our broker, and every answer must be the same on both. The script covers
 * FindCoordinator (single and batched), JoinGroup (MEMBER_ID_REQUIRED, the join phase of one and
 * of two members, rejoins and retried joins, pending members, static members replacing each
 * other at v9 and before, the validation errors), SyncGroup (leader and follower, wrong generation
 * and protocol), Heartbeat in every state and with wrong generations, unknown members and fenced
 * instances, OffsetCommit at versions 2-9 (member commits, simple commits, unknown topics and
 * partitions, and every validation error), OffsetFetch (single group, batched groups, all
 * partitions or named ones), OffsetDelete, DescribeGroups in each state, ListGroups with state and
 * type filters, LeaveGroup (single and batched, by member and instance id), DeleteGroups, and the
 * empty group id, which some APIs take and others refuse.
 *
 * <p>What legitimately differs is normalized before comparing: member ids are random (each
 * broker's are mapped to the script's names for its members, m1, m2, s1...; only their prefix is
 * compared), the coordinator's node id and port are the broker's own, throttle times are not
 * part of the protocol's behaviour, and lists Kafka keeps in hash maps (members, groups, all of a
 * group's offsets) are compared in sorted order. Everything else is compared as decoded: error
 * codes and messages, generations, protocol types and names, leaders, member metadata and
 * assignment bytes, committed offsets, leader epochs and metadata, group states.
 *
 * <p>Each step waits for its answer before the next is sent, except where a JoinGroup or
 * SyncGroup is answered only once another member acts; those are sent on the member's own
 * connection and awaited after the step that releases them. Session and rebalance timeouts are
 * long enough that nothing expires while the script runs. A failure shows each differing step
 * side by side; both transcripts are written to target/group-protocol-differential.
 */
class GroupProtocolDifferentialIT {
    private static final String SUBSCRIBED_TOPIC = "diff-orders";
    private static final int SUBSCRIBED_PARTITIONS = 3;
    /** Committed to, but in no member's subscription: its offsets can be deleted from a live group. */
    private static final String OTHER_TOPIC = "diff-other";
    private static final String NO_SUCH_TOPIC = "diff-no-such-topic";
    private static final String GROUP = "diff-group";
    private static final String STATIC_GROUP = "diff-static";
    /** Only stores offsets, committed with generation -1 and no member id. */
    private static final String SIMPLE_GROUP = "diff-simple";
    private static final String UNKNOWN_GROUP = "diff-unknown";
    /** Joined with an empty protocol type: refused, but the join creates the group. */
    private static final String REFUSED_GROUP = "diff-refused";
    /** Joined at versions 3 and 4, and rebalanced while completing a rebalance. */
    private static final String OLD_CLIENTS_GROUP = "diff-old-clients";
    private static final String WARM_UP_GROUP = "diff-warm-up";
    private static final String UNKNOWN_MEMBER = WireClient.CLIENT_ID + "-not-a-member";
    private static final int SESSION_TIMEOUT_MS = 30_000;
    private static final int REBALANCE_TIMEOUT_MS = 30_000;
    private static final String CONSUMER = "consumer";
    private static final String RANGE = "range";
    private static final String ROUND_ROBIN = "roundrobin";
    /** Kafka's offset.metadata.max.bytes default. */
    private static final int OFFSET_METADATA_MAX_BYTES = 4096;

    /** Error codes the script must provoke on Kafka, or it does not test what it claims to. */
    private static final List<ErrorCode> PROVOKED = List.of(ErrorCode.MEMBER_ID_REQUIRED, ErrorCode.REBALANCE_IN_PROGRESS,
            ErrorCode.ILLEGAL_GENERATION, ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.FENCED_INSTANCE_ID, ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
            ErrorCode.INVALID_SESSION_TIMEOUT, ErrorCode.INVALID_GROUP_ID, ErrorCode.GROUP_ID_NOT_FOUND, ErrorCode.NON_EMPTY_GROUP,
            ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.OFFSET_METADATA_TOO_LARGE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

    /**
     * Lists whose order on Kafka is a hash set's or map's, not the request's: compared sorted.
     * Members and groups are kept in hash maps; DeleteGroups answers in the order of a hash set of
     * the names; all of a group's offsets come in its offsets map's order.
     */
    private static final Set<Class<?>> UNORDERED = Set.of(JoinGroupResponseMember.class, DescribedGroupMember.class, ListedGroup.class,
            DeletableGroupResult.class, OffsetFetchResponseTopic.class, OffsetFetchResponsePartition.class,
            OffsetFetchResponseTopics.class, OffsetFetchResponsePartitions.class);

    @RegisterExtension
    static final BrokerExtension brook = new BrokerExtension().with(BrokerConfig.GROUP_INITIAL_REBALANCE_DELAY_MS, "0");

    private static ReferenceKafka kafka;

    @BeforeAll
    static void startKafkaAndCreateTopics() throws Exception {
        long started = System.nanoTime();
        // One offsets partition: created quickly on the first FindCoordinator.
        kafka = ReferenceKafka.start(ReferenceKafkaScript.path(), "512m",
                Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1"));
        System.out.printf("GroupProtocolDifferentialIT: Kafka up on %s in %.1f s%n", kafka.bootstrapServers(),
                (System.nanoTime() - started) / 1e9);
        for (String bootstrapServers : List.of(kafka.bootstrapServers(), brook.bootstrapServers())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin.createTopics(List.of(new NewTopic(SUBSCRIBED_TOPIC, SUBSCRIBED_PARTITIONS, (short) 1),
                        new NewTopic(OTHER_TOPIC, 1, (short) 1))).all().get();
            }
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theScriptGetsTheSameAnswersFromKafkaAndFromUs() throws Exception {
        long started = System.nanoTime();
        Script onKafka = new Script(port(kafka.bootstrapServers()));
        onKafka.run();
        Script onBrook = new Script(brook.port());
        onBrook.run();
        System.out.printf("GroupProtocolDifferentialIT: %d steps on each broker in %.1f s%n", onKafka.steps.size(),
                (System.nanoTime() - started) / 1e9);

        writeTranscript("kafka", onKafka);
        writeTranscript("ours", onBrook);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(onKafka.steps.size(), onBrook.steps.size()); i++) {
            Step kafkaStep = i < onKafka.steps.size() ? onKafka.steps.get(i) : Step.MISSING;
            Step brookStep = i < onBrook.steps.size() ? onBrook.steps.get(i) : Step.MISSING;
            if (!kafkaStep.equals(brookStep)) {
                differences.add(sideBySide(kafkaStep, brookStep));
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " of " + onKafka.steps.size() + " steps differ between Kafka 4.3.1 and our broker (both "
                    + "transcripts are in target/group-protocol-differential):\n\n" + String.join("\n", differences));
        }
        // The script waits for an answer to every request; Kafka not answering one means the
        // script went astray (a join that blocked), whatever our broker did.
        List<String> unanswered = onKafka.steps.stream().filter(step -> step.rendering().startsWith(Script.NO_ANSWER)).map(Step::name)
                .toList();
        assertTrue(unanswered.isEmpty(), "Kafka did not answer " + unanswered);
        Set<ErrorCode> notProvoked = new TreeSet<>(PROVOKED);
        notProvoked.removeAll(onKafka.errorsSeen);
        assertTrue(notProvoked.isEmpty(), "the script never got " + notProvoked + " from Kafka: it no longer tests those paths");
    }

    /** Every step's rendering, for reading a failure in full: target/group-protocol-differential/NAME.txt. */
    private static void writeTranscript(String name, Script script) throws IOException {
        Path directory = Path.of("target", "group-protocol-differential");
        Files.createDirectories(directory);
        StringBuilder out = new StringBuilder();
        for (Step step : script.steps) {
            out.append("== ").append(step.name()).append('\n').append(step.rendering()).append('\n');
        }
        Files.writeString(directory.resolve(name + ".txt"), out);
    }

    private static int port(String bootstrapServers) {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    /** Both renderings of a step, Kafka's on the left, lines that differ marked with '|'. */
    private static String sideBySide(Step kafkaStep, Step brookStep) {
        List<String> left = List.of(kafkaStep.rendering().split("\n"));
        List<String> right = List.of(brookStep.rendering().split("\n"));
        int width = Math.max(44, left.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder out = new StringBuilder();
        out.append("== ").append(kafkaStep.name());
        if (!kafkaStep.name().equals(brookStep.name())) {
            out.append("  (ours: ").append(brookStep.name()).append(')');
        }
        out.append('\n').append(String.format("   %-" + width + "s   %s%n", "Kafka 4.3.1", "ours"));
        for (int line = 0; line < Math.max(left.size(), right.size()); line++) {
            String kafkaLine = line < left.size() ? left.get(line) : "";
            String brookLine = line < right.size() ? right.get(line) : "";
            out.append(String.format("   %-" + width + "s %s %s%n", kafkaLine, kafkaLine.equals(brookLine) ? " " : "|", brookLine));
        }
        return out.toString();
    }

    /** One request's answer, normalized and rendered one field a line. */
    private record Step(String name, String rendering) {
        static final Step MISSING = new Step("(no such step)", "");
    }

    /** The script, run against one broker: every answer is recorded as a {@link Step}. */
    private static final class Script {
        /** How a step the broker did not answer (or not as awaited) is rendered. */
        static final String NO_ANSWER = "no answer: ";

        private final int port;
        private final List<Step> steps = new ArrayList<>();
        private final Set<ErrorCode> errorsSeen = new HashSet<>();
        /** This broker's member ids to the script's names for the members. */
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final List<WireClient> connections = new ArrayList<>();
        private WireClient admin;
        private int correlationId;

        Script(int port) {
            this.port = port;
        }

        void run() throws Exception {
            try {
                admin = connect();
                waitForTheCoordinator();
                findCoordinator();
                beforeAnyGroupExists();
                commitWithoutGroupManagement();
                Member m1 = new Member("m1", null);
                Member m2 = new Member("m2", null);
                firstMemberJoins(m1);
                commitAndFetchAsAMember(m1);
                secondMemberJoinsAStableGroup(m1, m2);
                deleteOffsets();
                listGroups("while " + GROUP + " is stable");
                staticMembers();
                oldClientsRebalanceWhileCompleting();
                membersLeave(m1, m2);
                deleteGroups();
            } finally {
                for (WireClient connection : connections) {
                    connection.close();
                }
            }
        }

        // The script.

        /**
         * Kafka answers COORDINATOR_NOT_AVAILABLE until it has created its offsets topic, then
         * COORDINATOR_LOAD_IN_PROGRESS while it loads it: wait for both, unrecorded.
         */
        private void waitForTheCoordinator() throws Exception {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                FindCoordinatorResponse coordinator = admin.call(ApiKey.FIND_COORDINATOR, (short) 3,
                        new FindCoordinatorRequest().setKey(WARM_UP_GROUP), FindCoordinatorResponse.class);
                OffsetFetchResponse offsets = admin.call(ApiKey.OFFSET_FETCH, (short) 7,
                        new OffsetFetchRequest().setGroupId(WARM_UP_GROUP).setTopics(null), OffsetFetchResponse.class);
                if (coordinator.errorCode() == 0 && offsets.errorCode() == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    fail("the coordinator on port " + port + " is not ready after 60 s: " + coordinator + ", " + offsets);
                }
                Thread.sleep(100);
            }
        }

        private void findCoordinator() throws IOException {
            call("FindCoordinator v3 " + GROUP, admin, ApiKey.FIND_COORDINATOR, 3, new FindCoordinatorRequest().setKey(GROUP));
            call("FindCoordinator v4 batched", admin, ApiKey.FIND_COORDINATOR, 4,
                    new FindCoordinatorRequest().setCoordinatorKeys(List.of(GROUP, STATIC_GROUP)));
            call("FindCoordinator v3 empty group id", admin, ApiKey.FIND_COORDINATOR, 3, new FindCoordinatorRequest().setKey(""));
            call("FindCoordinator v4 empty group id", admin, ApiKey.FIND_COORDINATOR, 4,
                    new FindCoordinatorRequest().setCoordinatorKeys(List.of("", GROUP)));
        }

        private void beforeAnyGroupExists() throws IOException {
            call("DescribeGroups v5 unknown group", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            call("DescribeGroups v6 unknown group", admin, ApiKey.DESCRIBE_GROUPS, 6, describe(GROUP));
            call("ListGroups v4 with no groups", admin, ApiKey.LIST_GROUPS, 4, new ListGroupsRequest());
            call("Heartbeat v4 unknown group", admin, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, 1, UNKNOWN_MEMBER, null));
            call("SyncGroup v5 unknown group", admin, ApiKey.SYNC_GROUP, 5, sync(GROUP, 1, UNKNOWN_MEMBER, null, RANGE, List.of()));
            call("LeaveGroup v5 unknown group", admin, ApiKey.LEAVE_GROUP, 5, leave(GROUP, new MemberIdentity().setMemberId(UNKNOWN_MEMBER)));
            call("LeaveGroup v1 unknown group", admin, ApiKey.LEAVE_GROUP, 1, new LeaveGroupRequest().setGroupId(GROUP).setMemberId(UNKNOWN_MEMBER));
            call("OffsetDelete unknown group", admin, ApiKey.OFFSET_DELETE, 0, offsetDelete(UNKNOWN_GROUP, SUBSCRIBED_TOPIC, 0));
            call("DeleteGroups v2 unknown group", admin, ApiKey.DELETE_GROUPS, 2, new DeleteGroupsRequest().setGroupsNames(List.of(GROUP)));

            Member stranger = new Member("x1", null);
            call("JoinGroup v9 empty group id", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, "", SESSION_TIMEOUT_MS, CONSUMER, protocols("x1")));
            call("JoinGroup v9 session timeout below group.min.session.timeout.ms", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, GROUP, 1_000, CONSUMER, protocols("x1")));
            call("JoinGroup v9 session timeout above group.max.session.timeout.ms", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, GROUP, 1_800_001, CONSUMER, protocols("x1")));
            stranger.id = UNKNOWN_MEMBER;
            call("JoinGroup v9 unknown group with a member id", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, GROUP, SESSION_TIMEOUT_MS, CONSUMER, protocols("x1")));
            stranger.id = "";
            call("JoinGroup v9 empty protocol type", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, REFUSED_GROUP, SESSION_TIMEOUT_MS, "", protocols("x1")));
            call("JoinGroup v9 no protocols", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, REFUSED_GROUP, SESSION_TIMEOUT_MS, CONSUMER, List.of()));
            call("DescribeGroups v5 after refused joins", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP, REFUSED_GROUP));
        }

        /** Generation -1 and no member id: how assign() consumers and the admin client commit. */
        private void commitWithoutGroupManagement() throws IOException {
            for (short version = 2; version <= 9; version++) {
                OffsetCommitRequest request = commit(SIMPLE_GROUP, -1, "", null, version,
                        offset(SUBSCRIBED_TOPIC, version % SUBSCRIBED_PARTITIONS, 100 * version, version, "simple v" + version));
                if (version >= 2 && version <= 4) {
                    request.setRetentionTimeMs(version == 2 ? -1 : 86_400_000L);
                }
                call("OffsetCommit v" + version + " simple commit", admin, ApiKey.OFFSET_COMMIT, version, request);
            }
            call("OffsetFetch v7 simple group, all", admin, ApiKey.OFFSET_FETCH, 7, new OffsetFetchRequest().setGroupId(SIMPLE_GROUP).setTopics(null));
            call("DescribeGroups v5 simple group", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(SIMPLE_GROUP));
            call("Heartbeat v4 simple group", admin, ApiKey.HEARTBEAT, 4, heartbeat(SIMPLE_GROUP, -1, UNKNOWN_MEMBER, null));
            call("OffsetCommit v8 simple group, unknown member", admin, ApiKey.OFFSET_COMMIT, 8,
                    commit(SIMPLE_GROUP, 1, UNKNOWN_MEMBER, null, (short) 8, offset(SUBSCRIBED_TOPIC, 0, 1, -1, "")));
        }

        private void firstMemberJoins(Member m1) throws IOException {
            join("JoinGroup v9 m1 without a member id", m1, 9, GROUP);
            join("JoinGroup v9 m1 with its member id", m1, 9, GROUP);
            call("DescribeGroups v5 after the join phase", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            call("Heartbeat v4 m1 in CompletingRebalance", m1.connection, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m1.generation, m1.id, null));
            call("SyncGroup v5 m1 (leader)", m1.connection, ApiKey.SYNC_GROUP, 5, sync(GROUP, m1.generation, m1.id, null, RANGE,
                    List.of(assignment(m1, 0, 1, 2))));
            call("Heartbeat v4 m1", m1.connection, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m1.generation, m1.id, null));
            call("Heartbeat v4 m1 with the next generation", m1.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(GROUP, m1.generation + 1, m1.id, null));
            call("Heartbeat v4 unknown member", admin, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m1.generation, UNKNOWN_MEMBER, null));
            call("Heartbeat v4 m1 with a group instance id it does not have", m1.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(GROUP, m1.generation, m1.id, "diff-not-an-instance"));
            call("SyncGroup v5 m1 again while stable", m1.connection, ApiKey.SYNC_GROUP, 5, sync(GROUP, m1.generation, m1.id, null, RANGE,
                    List.of()));
            // The leader rejoining a stable group starts a rebalance, which it completes alone.
            join("JoinGroup v9 m1 (leader) rejoins a stable group", m1, 9, GROUP, protocols("m1"));
            call("SyncGroup v3 m1 (leader)", m1.connection, ApiKey.SYNC_GROUP, 3, sync(GROUP, m1.generation, m1.id, null, null,
                    List.of(assignment(m1, 0, 1, 2))));
            join("JoinGroup v7 m1 rejoins with other metadata", m1, 7, GROUP, protocols("m1 again"));
            call("SyncGroup v5 m1 (leader)", m1.connection, ApiKey.SYNC_GROUP, 5, sync(GROUP, m1.generation, m1.id, null, RANGE,
                    List.of(assignment(m1, 0, 1, 2))));
            call("DescribeGroups v5 stable, one member", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
        }

        private void commitAndFetchAsAMember(Member m1) throws IOException {
            call("OffsetCommit v9 m1", m1.connection, ApiKey.OFFSET_COMMIT, 9, commit(GROUP, m1.generation, m1.id, null, (short) 9,
                    offset(SUBSCRIBED_TOPIC, 0, 10, 3, "m1 was here"), offset(SUBSCRIBED_TOPIC, 1, 20, -1, null),
                    offset(OTHER_TOPIC, 0, 5, 1, "")));
            call("OffsetCommit v9 m1 partly bad", m1.connection, ApiKey.OFFSET_COMMIT, 9, commit(GROUP, m1.generation, m1.id, null, (short) 9,
                    offset(SUBSCRIBED_TOPIC, 2, 30, 3, "x".repeat(OFFSET_METADATA_MAX_BYTES + 1)),
                    offset(SUBSCRIBED_TOPIC, 2, 31, 3, "x".repeat(OFFSET_METADATA_MAX_BYTES)),
                    offset(SUBSCRIBED_TOPIC, 99, 1, 3, "no such partition"), offset(NO_SUCH_TOPIC, 0, 1, 3, "no such topic")));
            for (short version = 2; version <= 8; version += 3) {
                OffsetCommitRequest request = commit(GROUP, m1.generation, m1.id, null, version,
                        offset(SUBSCRIBED_TOPIC, 1, 20 + version, version, "m1 v" + version));
                if (version <= 4) {
                    request.setRetentionTimeMs(86_400_000L);
                }
                call("OffsetCommit v" + version + " m1", m1.connection, ApiKey.OFFSET_COMMIT, version, request);
            }
            call("OffsetCommit v9 m1 wrong generation", m1.connection, ApiKey.OFFSET_COMMIT, 9, commit(GROUP, m1.generation + 5, m1.id,
                    null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 11, 3, "")));
            call("OffsetCommit v9 wrong generation and unknown topic", m1.connection, ApiKey.OFFSET_COMMIT, 9,
                    commit(GROUP, m1.generation + 5, m1.id, null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 11, 3, ""),
                            offset(NO_SUCH_TOPIC, 0, 1, 3, "")));
            call("OffsetCommit v9 unknown member", admin, ApiKey.OFFSET_COMMIT, 9, commit(GROUP, m1.generation, UNKNOWN_MEMBER, null,
                    (short) 9, offset(SUBSCRIBED_TOPIC, 0, 11, 3, "")));
            call("OffsetCommit v9 generation -1 without member id, non-empty group", admin, ApiKey.OFFSET_COMMIT, 9,
                    commit(GROUP, -1, "", null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 11, 3, "")));
            call("OffsetCommit v9 generation -1 with m1's id", admin, ApiKey.OFFSET_COMMIT, 9,
                    commit(GROUP, -1, m1.id, null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 11, 3, "")));
            call("OffsetCommit v7 m1 with a group instance id it does not have", m1.connection, ApiKey.OFFSET_COMMIT, 7,
                    commit(GROUP, m1.generation, m1.id, "diff-not-an-instance", (short) 7, offset(SUBSCRIBED_TOPIC, 0, 11, 3, "")));
            for (short version = 8; version <= 9; version++) {
                call("OffsetCommit v" + version + " unknown group with a generation", admin, ApiKey.OFFSET_COMMIT, version,
                        commit(UNKNOWN_GROUP, 1, UNKNOWN_MEMBER, null, version, offset(SUBSCRIBED_TOPIC, 0, 1, -1, "")));
                call("OffsetCommit v" + version + " unknown group, unknown topic only", admin, ApiKey.OFFSET_COMMIT, version,
                        commit(UNKNOWN_GROUP, 1, UNKNOWN_MEMBER, null, version, offset(NO_SUCH_TOPIC, 0, 1, -1, "")));
            }
            call("OffsetCommit v9 empty group id", admin, ApiKey.OFFSET_COMMIT, 9,
                    commit("", -1, "", null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 1, -1, "empty group id")));
            call("OffsetFetch v7 empty group id", admin, ApiKey.OFFSET_FETCH, 7, new OffsetFetchRequest().setGroupId("").setTopics(null));
            call("OffsetFetch v8 empty group id", admin, ApiKey.OFFSET_FETCH, 8, new OffsetFetchRequest().setGroups(List.of(
                    new OffsetFetchRequestGroup().setGroupId("").setTopics(null))));
            call("DescribeGroups v5 empty group id", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(""));
            call("Heartbeat v4 empty group id", admin, ApiKey.HEARTBEAT, 4, heartbeat("", 0, UNKNOWN_MEMBER, null));
            call("SyncGroup v5 empty group id", admin, ApiKey.SYNC_GROUP, 5, sync("", 0, UNKNOWN_MEMBER, null, RANGE, List.of()));
            call("LeaveGroup v5 empty group id", admin, ApiKey.LEAVE_GROUP, 5, leave("", new MemberIdentity().setMemberId(UNKNOWN_MEMBER)));
            call("LeaveGroup v1 empty group id", admin, ApiKey.LEAVE_GROUP, 1, new LeaveGroupRequest().setGroupId("").setMemberId(UNKNOWN_MEMBER));
            call("OffsetCommit v9 existing group, unknown topic only", admin, ApiKey.OFFSET_COMMIT, 9,
                    commit(GROUP, m1.generation, UNKNOWN_MEMBER, null, (short) 9, offset(NO_SUCH_TOPIC, 0, 1, -1, "")));

            call("OffsetFetch v7 named partitions", admin, ApiKey.OFFSET_FETCH, 7, new OffsetFetchRequest().setGroupId(GROUP)
                    .setTopics(List.of(new OffsetFetchRequestTopic().setName(SUBSCRIBED_TOPIC).setPartitionIndexes(List.of(0, 1, 2, 99)),
                            new OffsetFetchRequestTopic().setName(OTHER_TOPIC).setPartitionIndexes(List.of(0)),
                            new OffsetFetchRequestTopic().setName(NO_SUCH_TOPIC).setPartitionIndexes(List.of(0))))
                    .setRequireStable(true));
            call("OffsetFetch v7 all", admin, ApiKey.OFFSET_FETCH, 7, new OffsetFetchRequest().setGroupId(GROUP).setTopics(null));
            call("OffsetFetch v5 all", admin, ApiKey.OFFSET_FETCH, 5, new OffsetFetchRequest().setGroupId(GROUP).setTopics(null));
            call("OffsetFetch v1 named partitions", admin, ApiKey.OFFSET_FETCH, 1, new OffsetFetchRequest().setGroupId(GROUP)
                    .setTopics(List.of(new OffsetFetchRequestTopic().setName(SUBSCRIBED_TOPIC).setPartitionIndexes(List.of(0, 2)))));
            call("OffsetFetch v8 batched", admin, ApiKey.OFFSET_FETCH, 8, new OffsetFetchRequest().setGroups(List.of(
                    new OffsetFetchRequestGroup().setGroupId(GROUP).setTopics(null),
                    new OffsetFetchRequestGroup().setGroupId(SIMPLE_GROUP).setTopics(List.of(
                            new OffsetFetchRequestTopics().setName(SUBSCRIBED_TOPIC).setPartitionIndexes(List.of(0, 1, 2)),
                            new OffsetFetchRequestTopics().setName(OTHER_TOPIC).setPartitionIndexes(List.of(0)))),
                    new OffsetFetchRequestGroup().setGroupId(UNKNOWN_GROUP).setTopics(null),
                    new OffsetFetchRequestGroup().setGroupId(REFUSED_GROUP).setTopics(List.of(
                            new OffsetFetchRequestTopics().setName(SUBSCRIBED_TOPIC).setPartitionIndexes(List.of(0)))))));
        }

        private void secondMemberJoinsAStableGroup(Member m1, Member m2) throws IOException, InterruptedException {
            join("JoinGroup v5 m2 without a member id", m2, 5, GROUP);
            call("DescribeGroups v5 while m2 is pending", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            Pending<JoinGroupResponse> m2Joins = sendJoin("JoinGroup v5 m2 with its member id", m2, 5, GROUP);
            awaitState(GROUP, "PreparingRebalance");
            call("DescribeGroups v5 while preparing the rebalance", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            call("Heartbeat v4 m1 while preparing the rebalance", m1.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(GROUP, m1.generation, m1.id, null));
            call("OffsetCommit v8 m1 while preparing the rebalance", m1.connection, ApiKey.OFFSET_COMMIT, 8,
                    commit(GROUP, m1.generation, m1.id, null, (short) 8, offset(SUBSCRIBED_TOPIC, 0, 12, 3, "during the rebalance")));
            call("SyncGroup v5 m1 while preparing the rebalance", m1.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m1.generation, m1.id, null, RANGE, List.of()));
            call("ListGroups v4 while preparing the rebalance", admin, ApiKey.LIST_GROUPS, 4,
                    new ListGroupsRequest().setStatesFilter(List.of("PreparingRebalance")));
            Pending<JoinGroupResponse> m1Joins = sendJoin("JoinGroup v9 m1 rejoins", m1, 9, GROUP);
            awaitJoin(m1Joins, m1);
            awaitJoin(m2Joins, m2);
            call("JoinGroup v9 m2 retries its join while completing the rebalance", m2.connection, ApiKey.JOIN_GROUP, 9,
                    join(m2, GROUP, SESSION_TIMEOUT_MS, CONSUMER, protocols("m2")));
            call("JoinGroup v9 m1 (leader) retries its join while completing the rebalance", m1.connection, ApiKey.JOIN_GROUP, 9,
                    join(m1, GROUP, SESSION_TIMEOUT_MS, CONSUMER, protocols("m1")));

            call("DescribeGroups v5 while completing the rebalance", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            call("Heartbeat v4 m2 while completing the rebalance", m2.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(GROUP, m2.generation, m2.id, null));
            call("Heartbeat v4 m1 with the previous generation", m1.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(GROUP, m1.generation - 1, m1.id, null));
            call("OffsetCommit v8 m1 while completing the rebalance", m1.connection, ApiKey.OFFSET_COMMIT, 8,
                    commit(GROUP, m1.generation, m1.id, null, (short) 8, offset(SUBSCRIBED_TOPIC, 0, 13, 3, "")));
            call("SyncGroup v5 m2 with the previous generation", m2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m2.generation - 1, m2.id, null, RANGE, List.of()));
            call("SyncGroup v5 m2 with another protocol name", m2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m2.generation, m2.id, null, ROUND_ROBIN, List.of()));
            call("SyncGroup v5 m2 with another protocol type", m2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m2.generation, m2.id, null, RANGE, List.of()).setProtocolType("connect"));
            Pending<SyncGroupResponse> m2Syncs = send("SyncGroup v5 m2 (follower)", m2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m2.generation, m2.id, null, RANGE, List.of()), SyncGroupResponse.class);
            call("SyncGroup v5 m1 (leader)", m1.connection, ApiKey.SYNC_GROUP, 5, sync(GROUP, m1.generation, m1.id, null, RANGE,
                    List.of(assignment(m1, 0, 1), assignment(m2, 2))));
            m2Syncs.await();
            call("Heartbeat v4 m1", m1.connection, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m1.generation, m1.id, null));
            call("Heartbeat v0 m2", m2.connection, ApiKey.HEARTBEAT, 0, heartbeat(GROUP, m2.generation, m2.id, null));
            call("DescribeGroups v5 stable, two members", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            call("DescribeGroups v6 with authorized operations", admin, ApiKey.DESCRIBE_GROUPS, 6,
                    describe(GROUP, UNKNOWN_GROUP).setIncludeAuthorizedOperations(true));
            Member stranger = new Member("x2", null);
            call("JoinGroup v9 with an inconsistent protocol type", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, GROUP, SESSION_TIMEOUT_MS, "connect", protocols("x2")));
            call("JoinGroup v9 with no protocol in common", stranger.connection, ApiKey.JOIN_GROUP, 9,
                    join(stranger, GROUP, SESSION_TIMEOUT_MS, CONSUMER, List.of(
                            new JoinGroupRequestProtocol().setName("sticky").setMetadata(subscription("x2", SUBSCRIBED_TOPIC)))));
            call("JoinGroup v9 m2 rejoins a stable group unchanged (follower)", m2.connection, ApiKey.JOIN_GROUP, 9,
                    join(m2, GROUP, SESSION_TIMEOUT_MS, CONSUMER, protocols("m2")));
            call("DescribeGroups v5 still stable", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            Member pending = new Member("p1", null);
            join("JoinGroup v9 p1 without a member id", pending, 9, GROUP);
            call("Heartbeat v4 p1, a pending member", pending.connection, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m1.generation, pending.id, null));
            call("SyncGroup v5 p1, a pending member", pending.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m1.generation, pending.id, null, RANGE, List.of()));
            call("OffsetCommit v9 p1, a pending member", pending.connection, ApiKey.OFFSET_COMMIT, 9,
                    commit(GROUP, m1.generation, pending.id, null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 1, -1, "")));
            call("LeaveGroup v5 p1, a pending member", pending.connection, ApiKey.LEAVE_GROUP, 5,
                    leave(GROUP, new MemberIdentity().setMemberId(pending.id)));
            call("DescribeGroups v5 after a pending member left", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            call("JoinGroup v9 p1 with its member id after leaving", pending.connection, ApiKey.JOIN_GROUP, 9,
                    join(pending, GROUP, SESSION_TIMEOUT_MS, CONSUMER, protocols("p1")));
            call("Heartbeat v4 m2 after a pending member left", m2.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(GROUP, m2.generation, m2.id, null));
            // Kafka rebalances when a pending member leaves: both members rejoin and sync.
            Pending<JoinGroupResponse> m2Rejoins = sendJoin("JoinGroup v9 m2 rejoins", m2, 9, GROUP);
            Pending<JoinGroupResponse> m1Rejoins = sendJoin("JoinGroup v9 m1 rejoins", m1, 9, GROUP);
            awaitJoin(m1Rejoins, m1);
            awaitJoin(m2Rejoins, m2);
            call("SyncGroup v5 m1 (leader) after the pending member left", m1.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m1.generation, m1.id, null, RANGE, List.of(assignment(m1, 0, 1), assignment(m2, 2))));
            call("SyncGroup v5 m2 after the pending member left", m2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(GROUP, m2.generation, m2.id, null, RANGE, List.of()));
            call("DescribeGroups v5 twice the same group", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP, GROUP));
            call("OffsetFetch v9 with a member id and epoch", admin, ApiKey.OFFSET_FETCH, 9, new OffsetFetchRequest().setGroups(List.of(
                    new OffsetFetchRequestGroup().setGroupId(GROUP).setMemberId(m1.id).setMemberEpoch(m1.generation).setTopics(List.of(
                            new OffsetFetchRequestTopics().setName(SUBSCRIBED_TOPIC).setPartitionIndexes(List.of(0))))))
                    .setRequireStable(true));
        }

        private void deleteOffsets() throws IOException {
            call("OffsetDelete subscribed, unsubscribed and unknown topics", admin, ApiKey.OFFSET_DELETE, 0,
                    new OffsetDeleteRequest().setGroupId(GROUP).setTopics(List.of(
                            offsetDeleteTopic(SUBSCRIBED_TOPIC, 0), offsetDeleteTopic(OTHER_TOPIC, 0), offsetDeleteTopic(NO_SUCH_TOPIC, 0))));
            call("OffsetDelete unknown partition and unsubscribed topic", admin, ApiKey.OFFSET_DELETE, 0,
                    new OffsetDeleteRequest().setGroupId(GROUP).setTopics(List.of(
                            offsetDeleteTopic(SUBSCRIBED_TOPIC, 99), offsetDeleteTopic(OTHER_TOPIC, 0))));
            call("OffsetDelete unknown group, unknown topic", admin, ApiKey.OFFSET_DELETE, 0, offsetDelete(UNKNOWN_GROUP, NO_SUCH_TOPIC, 0));
            call("OffsetDelete empty group id", admin, ApiKey.OFFSET_DELETE, 0, offsetDelete("", OTHER_TOPIC, 0));
            call("OffsetDelete an empty group's offsets", admin, ApiKey.OFFSET_DELETE, 0,
                    offsetDelete(SIMPLE_GROUP, SUBSCRIBED_TOPIC, 0, 1));
            call("OffsetDelete a refused join's group", admin, ApiKey.OFFSET_DELETE, 0, offsetDelete(REFUSED_GROUP, SUBSCRIBED_TOPIC, 0));
            call("OffsetFetch v8 after OffsetDelete", admin, ApiKey.OFFSET_FETCH, 8, new OffsetFetchRequest().setGroups(List.of(
                    new OffsetFetchRequestGroup().setGroupId(GROUP).setTopics(null),
                    new OffsetFetchRequestGroup().setGroupId(SIMPLE_GROUP).setTopics(null))));
        }

        private void listGroups(String when) throws IOException {
            call("ListGroups v3 " + when, admin, ApiKey.LIST_GROUPS, 3, new ListGroupsRequest());
            call("ListGroups v4 " + when, admin, ApiKey.LIST_GROUPS, 4, new ListGroupsRequest());
            call("ListGroups v4 Stable " + when, admin, ApiKey.LIST_GROUPS, 4, new ListGroupsRequest().setStatesFilter(List.of("Stable")));
            call("ListGroups v5 stable, empty, classic " + when, admin, ApiKey.LIST_GROUPS, 5,
                    new ListGroupsRequest().setStatesFilter(List.of("stable", "EMPTY")).setTypesFilter(List.of("Classic")));
            call("ListGroups v5 consumer type " + when, admin, ApiKey.LIST_GROUPS, 5,
                    new ListGroupsRequest().setTypesFilter(List.of("consumer")));
            call("ListGroups v5 unknown state " + when, admin, ApiKey.LIST_GROUPS, 5,
                    new ListGroupsRequest().setStatesFilter(List.of("Sleeping")));
        }

        /** Static members: an instance that restarts with the same group.instance.id fences the old one. */
        private void staticMembers() throws IOException {
            Member s1 = new Member("s1", "diff-instance-1");
            join("JoinGroup v9 s1 (static) without a member id", s1, 9, STATIC_GROUP);
            call("SyncGroup v5 s1 (leader)", s1.connection, ApiKey.SYNC_GROUP, 5, sync(STATIC_GROUP, s1.generation, s1.id, s1.instanceId,
                    RANGE, List.of(assignment(s1, 0, 1, 2))));
            call("Heartbeat v4 s1", s1.connection, ApiKey.HEARTBEAT, 4, heartbeat(STATIC_GROUP, s1.generation, s1.id, s1.instanceId));
            call("Heartbeat v4 s1 without its group instance id", s1.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(STATIC_GROUP, s1.generation, s1.id, null));
            call("Heartbeat v4 s1 with another group instance id", s1.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(STATIC_GROUP, s1.generation, s1.id, "diff-instance-2"));

            Member s1Again = new Member("s1'", s1.instanceId);
            join("JoinGroup v9 s1' (same instance) without a member id", s1Again, 9, STATIC_GROUP);
            call("Heartbeat v4 s1 after it was replaced", s1.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(STATIC_GROUP, s1.generation, s1.id, s1.instanceId));
            call("OffsetCommit v7 s1 after it was replaced", s1.connection, ApiKey.OFFSET_COMMIT, 7,
                    commit(STATIC_GROUP, s1.generation, s1.id, s1.instanceId, (short) 7, offset(SUBSCRIBED_TOPIC, 0, 1, -1, "")));
            call("SyncGroup v5 s1 after it was replaced", s1.connection, ApiKey.SYNC_GROUP, 5,
                    sync(STATIC_GROUP, s1.generation, s1.id, s1.instanceId, RANGE, List.of()));
            call("JoinGroup v9 s1 after it was replaced", s1.connection, ApiKey.JOIN_GROUP, 9,
                    join(s1, STATIC_GROUP, SESSION_TIMEOUT_MS, CONSUMER, protocols("s1")));
            call("SyncGroup v5 s1'", s1Again.connection, ApiKey.SYNC_GROUP, 5,
                    sync(STATIC_GROUP, s1Again.generation, s1Again.id, s1Again.instanceId, RANGE, List.of()));
            call("Heartbeat v4 s1'", s1Again.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(STATIC_GROUP, s1Again.generation, s1Again.id, s1Again.instanceId));
            call("OffsetCommit v7 s1'", s1Again.connection, ApiKey.OFFSET_COMMIT, 7, commit(STATIC_GROUP, s1Again.generation,
                    s1Again.id, s1Again.instanceId, (short) 7, offset(SUBSCRIBED_TOPIC, 0, 7, 2, "static")));
            call("DescribeGroups v5 static group", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(STATIC_GROUP));

            Member s1Third = new Member("s1''", s1.instanceId);
            join("JoinGroup v7 s1'' (same instance) without a member id", s1Third, 7, STATIC_GROUP);
            call("Heartbeat v4 s1' after it was replaced", s1Again.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(STATIC_GROUP, s1Again.generation, s1Again.id, s1Again.instanceId));
            call("LeaveGroup v5 s1' after it was replaced", admin, ApiKey.LEAVE_GROUP, 5,
                    leave(STATIC_GROUP, new MemberIdentity().setMemberId(s1Again.id).setGroupInstanceId(s1Again.instanceId)));
            call("LeaveGroup v5 by instance id, and unknown ones", admin, ApiKey.LEAVE_GROUP, 5, leave(STATIC_GROUP,
                    new MemberIdentity().setGroupInstanceId(s1.instanceId).setReason("the script is done with it"),
                    new MemberIdentity().setGroupInstanceId("diff-instance-404"),
                    new MemberIdentity().setMemberId(UNKNOWN_MEMBER)));
            call("DescribeGroups v5 static group after the leave", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(STATIC_GROUP));
            call("Heartbeat v4 s1'' after it left", s1Third.connection, ApiKey.HEARTBEAT, 4,
                    heartbeat(STATIC_GROUP, s1Third.generation, s1Third.id, s1Third.instanceId));
        }

        /**
         * JoinGroup v3 (no MEMBER_ID_REQUIRED) and v4; a member whose metadata changes while the
         * group completes a rebalance starts another; the leader assigns only itself.
         */
        private void oldClientsRebalanceWhileCompleting() throws IOException, InterruptedException {
            Member a1 = new Member("a1", null);
            Member a2 = new Member("a2", null);
            join("JoinGroup v3 a1 without a member id", a1, 3, OLD_CLIENTS_GROUP);
            call("SyncGroup v2 a1 (leader)", a1.connection, ApiKey.SYNC_GROUP, 2, sync(OLD_CLIENTS_GROUP, a1.generation, a1.id, null, null,
                    List.of(assignment(a1, 0, 1, 2))));
            join("JoinGroup v4 a2 without a member id", a2, 4, OLD_CLIENTS_GROUP);
            Pending<JoinGroupResponse> a2Joins = sendJoin("JoinGroup v4 a2 with its member id", a2, 4, OLD_CLIENTS_GROUP);
            Pending<JoinGroupResponse> a1Joins = sendJoin("JoinGroup v3 a1 rejoins", a1, 3, OLD_CLIENTS_GROUP);
            awaitJoin(a1Joins, a1);
            awaitJoin(a2Joins, a2);
            call("SyncGroup v5 a2 without protocol type and name", a2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(OLD_CLIENTS_GROUP, a2.generation, a2.id, null, null, List.of()));
            Pending<SyncGroupResponse> a2WaitsForTheLeader = send("SyncGroup v5 a2 before the leader", a2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(OLD_CLIENTS_GROUP, a2.generation, a2.id, null, RANGE, List.of()), SyncGroupResponse.class);
            // The follower changes its metadata before the leader syncs (on another connection,
            // as its first one waits for the SyncGroup answer): the rebalance starts over, and
            // the waiting SyncGroup is answered.
            a2Joins = send("JoinGroup v9 a2 rejoins with other metadata while completing", connect(), ApiKey.JOIN_GROUP, 9,
                    join(a2, OLD_CLIENTS_GROUP, SESSION_TIMEOUT_MS, CONSUMER, protocols("a2 again")), JoinGroupResponse.class);
            awaitState(OLD_CLIENTS_GROUP, "PreparingRebalance");
            a2WaitsForTheLeader.await();
            call("DescribeGroups v5 rebalancing again", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(OLD_CLIENTS_GROUP));
            call("SyncGroup v5 a1 (leader) too late", a1.connection, ApiKey.SYNC_GROUP, 5, sync(OLD_CLIENTS_GROUP, a1.generation, a1.id, null,
                    RANGE, List.of(assignment(a1, 0), assignment(a2, 1, 2))));
            call("Heartbeat v2 a1", a1.connection, ApiKey.HEARTBEAT, 2, heartbeat(OLD_CLIENTS_GROUP, a1.generation, a1.id, null));
            a1Joins = sendJoin("JoinGroup v3 a1 rejoins again", a1, 3, OLD_CLIENTS_GROUP);
            awaitJoin(a1Joins, a1);
            awaitJoin(a2Joins, a2);
            Pending<SyncGroupResponse> a2Syncs = send("SyncGroup v5 a2 (follower)", a2.connection, ApiKey.SYNC_GROUP, 5,
                    sync(OLD_CLIENTS_GROUP, a2.generation, a2.id, null, RANGE, List.of()), SyncGroupResponse.class);
            call("SyncGroup v3 a1 (leader) assigning only itself", a1.connection, ApiKey.SYNC_GROUP, 3,
                    sync(OLD_CLIENTS_GROUP, a1.generation, a1.id, null, null, List.of(assignment(a1, 0, 1, 2))));
            a2Syncs.await();
            call("DescribeGroups v5 old clients' group", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(OLD_CLIENTS_GROUP));
            call("LeaveGroup v5 both old clients", admin, ApiKey.LEAVE_GROUP, 5, leave(OLD_CLIENTS_GROUP,
                    new MemberIdentity().setMemberId(a2.id), new MemberIdentity().setMemberId(a1.id)));
            call("DescribeGroups v5 old clients' group after they left", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(OLD_CLIENTS_GROUP));
        }

        private void membersLeave(Member m1, Member m2) throws IOException {
            call("LeaveGroup v1 m2", m2.connection, ApiKey.LEAVE_GROUP, 1, new LeaveGroupRequest().setGroupId(GROUP).setMemberId(m2.id));
            call("LeaveGroup v1 m2 again", m2.connection, ApiKey.LEAVE_GROUP, 1, new LeaveGroupRequest().setGroupId(GROUP).setMemberId(m2.id));
            call("Heartbeat v4 m2 after it left", m2.connection, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m2.generation, m2.id, null));
            call("Heartbeat v4 m1 after m2 left", m1.connection, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m1.generation, m1.id, null));
            call("DeleteGroups v2 while preparing the rebalance", admin, ApiKey.DELETE_GROUPS, 2,
                    new DeleteGroupsRequest().setGroupsNames(List.of(GROUP)));
            call("DescribeGroups v5 after m2 left", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            join("JoinGroup v9 m1 rejoins alone", m1, 9, GROUP);
            call("SyncGroup v5 m1 (leader) alone", m1.connection, ApiKey.SYNC_GROUP, 5, sync(GROUP, m1.generation, m1.id, null, RANGE,
                    List.of(assignment(m1, 0, 1, 2))));
            call("DeleteGroups v2 stable group", admin, ApiKey.DELETE_GROUPS, 2, new DeleteGroupsRequest().setGroupsNames(List.of(GROUP)));
            call("LeaveGroup v5 m1 and an unknown member", admin, ApiKey.LEAVE_GROUP, 5, leave(GROUP,
                    new MemberIdentity().setMemberId(m1.id), new MemberIdentity().setMemberId(UNKNOWN_MEMBER)));
            call("DescribeGroups v5 after everyone left", admin, ApiKey.DESCRIBE_GROUPS, 5, describe(GROUP));
            call("Heartbeat v4 m1 after it left", m1.connection, ApiKey.HEARTBEAT, 4, heartbeat(GROUP, m1.generation, m1.id, null));
            call("OffsetCommit v9 m1 after it left", m1.connection, ApiKey.OFFSET_COMMIT, 9,
                    commit(GROUP, m1.generation, m1.id, null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 14, 3, "")));
            call("OffsetCommit v9 simple commit, group now empty", admin, ApiKey.OFFSET_COMMIT, 9,
                    commit(GROUP, -1, "", null, (short) 9, offset(SUBSCRIBED_TOPIC, 0, 15, 3, "after")));
            listGroups("after everyone left");
        }

        private void deleteGroups() throws IOException {
            call("DeleteGroups v2 empty groups and an unknown one", admin, ApiKey.DELETE_GROUPS, 2,
                    new DeleteGroupsRequest().setGroupsNames(List.of(GROUP, STATIC_GROUP, UNKNOWN_GROUP, REFUSED_GROUP, OLD_CLIENTS_GROUP)));
            call("DeleteGroups v2 the same unknown group twice", admin, ApiKey.DELETE_GROUPS, 2,
                    new DeleteGroupsRequest().setGroupsNames(List.of(UNKNOWN_GROUP, UNKNOWN_GROUP)));
            call("DeleteGroups v2 empty group id", admin, ApiKey.DELETE_GROUPS, 2, new DeleteGroupsRequest().setGroupsNames(List.of("")));
            call("DeleteGroups v0 a deleted group", admin, ApiKey.DELETE_GROUPS, 0, new DeleteGroupsRequest().setGroupsNames(List.of(GROUP)));
            call("OffsetFetch v8 after DeleteGroups", admin, ApiKey.OFFSET_FETCH, 8, new OffsetFetchRequest().setGroups(List.of(
                    new OffsetFetchRequestGroup().setGroupId(GROUP).setTopics(null),
                    new OffsetFetchRequestGroup().setGroupId(STATIC_GROUP).setTopics(List.of(
                            new OffsetFetchRequestTopics().setName(SUBSCRIBED_TOPIC).setPartitionIndexes(List.of(0)))))));
            call("DescribeGroups v6 deleted groups", admin, ApiKey.DESCRIBE_GROUPS, 6, describe(GROUP, STATIC_GROUP));
            call("ListGroups v5 at the end", admin, ApiKey.LIST_GROUPS, 5, new ListGroupsRequest());
        }

        // Requests.

        private JoinGroupRequest join(Member member, String groupId, int sessionTimeoutMs, String protocolType,
                                      List<JoinGroupRequestProtocol> protocols) {
            return new JoinGroupRequest().setGroupId(groupId).setSessionTimeoutMs(sessionTimeoutMs).setRebalanceTimeoutMs(REBALANCE_TIMEOUT_MS)
                    .setMemberId(member.id).setGroupInstanceId(member.instanceId).setProtocolType(protocolType).setProtocols(protocols);
        }

        /** Each member subscribes to the same topic, with its name and the protocol as user data, so that metadata is told apart. */
        private static List<JoinGroupRequestProtocol> protocols(String memberName) {
            return List.of(new JoinGroupRequestProtocol().setName(RANGE).setMetadata(subscription(memberName + "/" + RANGE, SUBSCRIBED_TOPIC)),
                    new JoinGroupRequestProtocol().setName(ROUND_ROBIN)
                            .setMetadata(subscription(memberName + "/" + ROUND_ROBIN, SUBSCRIBED_TOPIC)));
        }

        private static SyncGroupRequest sync(String groupId, int generation, String memberId, String instanceId, String protocolName,
                                             List<SyncGroupRequestAssignment> assignments) {
            return new SyncGroupRequest().setGroupId(groupId).setGenerationId(generation).setMemberId(memberId)
                    .setGroupInstanceId(instanceId).setProtocolType(protocolName == null ? null : CONSUMER).setProtocolName(protocolName)
                    .setAssignments(assignments);
        }

        private static SyncGroupRequestAssignment assignment(Member member, int... partitions) {
            return new SyncGroupRequestAssignment().setMemberId(member.id).setAssignment(consumerAssignment(SUBSCRIBED_TOPIC, partitions));
        }

        private static HeartbeatRequest heartbeat(String groupId, int generation, String memberId, String instanceId) {
            return new HeartbeatRequest().setGroupId(groupId).setGenerationId(generation).setMemberId(memberId).setGroupInstanceId(instanceId);
        }

        private static LeaveGroupRequest leave(String groupId, MemberIdentity... members) {
            return new LeaveGroupRequest().setGroupId(groupId).setMembers(List.of(members));
        }

        private static DescribeGroupsRequest describe(String... groupIds) {
            return new DescribeGroupsRequest().setGroups(List.of(groupIds));
        }

        /** One partition's commit; {@code leaderEpoch} is sent from version 6 only. */
        private record PartitionCommit(String topic, int partition, long offset, int leaderEpoch, String metadata) {
        }

        private static PartitionCommit offset(String topic, int partition, long offset, int leaderEpoch, String metadata) {
            return new PartitionCommit(topic, partition, offset, leaderEpoch, metadata);
        }

        private static OffsetCommitRequest commit(String groupId, int generation, String memberId, String instanceId, short version,
                                                  PartitionCommit... commits) {
            Map<String, OffsetCommitRequestTopic> topics = new LinkedHashMap<>();
            for (PartitionCommit commit : commits) {
                topics.computeIfAbsent(commit.topic(), name -> new OffsetCommitRequestTopic().setName(name)).partitions()
                        .add(new OffsetCommitRequestPartition().setPartitionIndex(commit.partition()).setCommittedOffset(commit.offset())
                                .setCommittedLeaderEpoch(version >= 6 ? commit.leaderEpoch() : -1).setCommittedMetadata(commit.metadata()));
            }
            return new OffsetCommitRequest().setGroupId(groupId).setGenerationIdOrMemberEpoch(generation).setMemberId(memberId)
                    .setGroupInstanceId(instanceId).setTopics(new ArrayList<>(topics.values()));
        }

        private static OffsetDeleteRequestTopic offsetDeleteTopic(String topic, int... partitions) {
            OffsetDeleteRequestTopic result = new OffsetDeleteRequestTopic().setName(topic);
            for (int partition : partitions) {
                result.partitions().add(new OffsetDeleteRequestPartition().setPartitionIndex(partition));
            }
            return result;
        }

        private static OffsetDeleteRequest offsetDelete(String groupId, String topic, int... partitions) {
            return new OffsetDeleteRequest().setGroupId(groupId).setTopics(List.of(offsetDeleteTopic(topic, partitions)));
        }

        // Members and their joins.

        /** A group member of the script, on its own connection; its id is what the broker handed out. */
        private final class Member {
            final String name;
            final String instanceId;
            final WireClient connection;
            String id = "";
            int generation = -1;

            Member(String name, String instanceId) throws IOException {
                this.name = name;
                this.instanceId = instanceId;
                this.connection = connect();
            }

            /**
             * Learns the member id and generation a JoinGroup answer hands out. Returns a line
             * for the step: the id's form, which Kafka builds as the group instance id (static
             * members) or the client id, a dash, and a random part. The random part is
             * compared by form only: Kafka prints a random Uuid in base64, we a UUID.
             */
            String learn(JoinGroupResponse response) {
                if (response == null) {
                    return "";
                }
                String note = "";
                boolean handsOutId = response.errorCode() == ErrorCode.NONE.code() || response.errorCode() == ErrorCode.MEMBER_ID_REQUIRED.code();
                if (handsOutId && !response.memberId().isEmpty() && !response.memberId().equals(id)) {
                    String previous = aliases.putIfAbsent(response.memberId(), id.isEmpty() ? name : name + " (second id)");
                    id = response.memberId();
                    String prefix = (instanceId != null ? instanceId : WireClient.CLIENT_ID) + "-";
                    note = "(member id handed out: " + (previous != null ? "already known as " + previous + ", "
                            : "") + (id.startsWith(prefix) && id.length() > prefix.length() + 8 ? prefix + "<random>" : id) + ")\n";
                }
                if (response.errorCode() == ErrorCode.NONE.code()) {
                    generation = response.generationId();
                }
                return note;
            }
        }

        private void join(String step, Member member, int version, String groupId) throws IOException {
            join(step, member, version, groupId, protocols(member.name));
        }

        private void join(String step, Member member, int version, String groupId, List<JoinGroupRequestProtocol> protocols)
                throws IOException {
            awaitJoin(send(step, member.connection, ApiKey.JOIN_GROUP, version, join(member, groupId, SESSION_TIMEOUT_MS, CONSUMER, protocols),
                    JoinGroupResponse.class), member);
        }

        private Pending<JoinGroupResponse> sendJoin(String step, Member member, int version, String groupId) throws IOException {
            return send(step, member.connection, ApiKey.JOIN_GROUP, version,
                    join(member, groupId, SESSION_TIMEOUT_MS, CONSUMER, protocols(member.name)), JoinGroupResponse.class);
        }

        private void awaitJoin(Pending<JoinGroupResponse> join, Member member) {
            join.await(member::learn);
        }

        /** Polls DescribeGroups, unrecorded, until the group is in {@code state}: a join sent on another connection has arrived. */
        private void awaitState(String groupId, String state) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                DescribeGroupsResponse response = admin.call(ApiKey.DESCRIBE_GROUPS, (short) 5, describe(groupId), DescribeGroupsResponse.class);
                String current = response.groups().get(0).groupState();
                if (current.equals(state)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    record("(waiting for " + groupId + " to be " + state + ")", NO_ANSWER + "still " + current + " after 10 s\n");
                    return;
                }
                Thread.sleep(20);
            }
        }

        // Sending, receiving and recording.

        private WireClient connect() throws IOException {
            WireClient connection = new WireClient(port);
            connections.add(connection);
            return connection;
        }

        private void call(String step, WireClient connection, ApiKey apiKey, int version, ApiMessage request) throws IOException {
            send(step, connection, apiKey, version, request, ApiMessage.class).await();
        }

        private <R extends ApiMessage> Pending<R> send(String step, WireClient connection, ApiKey apiKey, int version, ApiMessage request,
                                                       Class<R> responseType) throws IOException {
            int id = ++correlationId;
            connection.send(apiKey, (short) version, id, request);
            return new Pending<>(step, connection, apiKey, (short) version, id, responseType);
        }

        /** A request sent whose answer has not been read yet. */
        private final class Pending<R extends ApiMessage> {
            private final String step;
            private final WireClient connection;
            private final ApiKey apiKey;
            private final short version;
            private final int correlationId;
            private final Class<R> responseType;

            Pending(String step, WireClient connection, ApiKey apiKey, short version, int correlationId, Class<R> responseType) {
                this.step = step;
                this.connection = connection;
                this.apiKey = apiKey;
                this.version = version;
                this.correlationId = correlationId;
                this.responseType = responseType;
            }

            R await() {
                return await(response -> "");
            }

            /** Reads the answer and records it, with what {@code learn} makes of it first (which may name new members). */
            R await(Function<R, String> learn) {
                String name = apiKey.apiName() + " v" + version + ": " + step;
                WireClient.Response response;
                try {
                    response = connection.receive(apiKey, version);
                } catch (IOException | RuntimeException | AssertionError e) {
                    record(name, NO_ANSWER + e + "\n");
                    return null;
                }
                if (response.correlationId() != correlationId) {
                    record(name, NO_ANSWER + "correlation id " + response.correlationId() + " instead of " + correlationId + "\n");
                    return null;
                }
                R body = responseType.cast(response.body());
                String note = learn.apply(body);
                record(name, note + render(body));
                return body;
            }
        }

        private void record(String name, String rendering) {
            steps.add(new Step(String.format("%03d %s", steps.size() + 1, name), rendering));
        }

        // Normalizing and rendering.

        private String render(Object message) {
            StringBuilder out = new StringBuilder();
            renderFields(out, "", message);
            return out.toString();
        }

        private void renderFields(StringBuilder out, String indent, Object message) {
            for (Field field : message.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                String name = field.getName();
                if (name.equals("throttleTimeMs")) {
                    // Quotas, not the group protocol.
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(message);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                renderValue(out, indent, name, value);
            }
        }

        private void renderValue(StringBuilder out, String indent, String name, Object value) {
            if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.append(indent).append(name).append(": []\n");
                    return;
                }
                out.append(indent).append(name).append(":\n");
                List<String> elements = new ArrayList<>();
                for (Object element : list) {
                    StringBuilder rendered = new StringBuilder();
                    if (isMessage(element)) {
                        renderFields(rendered, indent + "    ", element);
                    } else {
                        rendered.append(indent).append("    ").append(scalar(name, element)).append('\n');
                    }
                    elements.add(indent + "  - " + rendered.substring(indent.length() + 4));
                }
                if (UNORDERED.contains(list.get(0).getClass())) {
                    Collections.sort(elements);
                }
                elements.forEach(out::append);
            } else if (isMessage(value)) {
                out.append(indent).append(name).append(":\n");
                renderFields(out, indent + "    ", value);
            } else {
                out.append(indent).append(name).append(": ").append(scalar(name, value)).append('\n');
            }
        }

        private static boolean isMessage(Object value) {
            return value != null && value.getClass().getName().startsWith("io.brook.protocol.message.");
        }

        private String scalar(String name, Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof byte[] bytes) {
                return bytes.length == 0 ? "(no bytes)" : bytes.length + " bytes " + HexFormat.of().formatHex(bytes);
            }
            if (value instanceof String text) {
                return aliased(text);
            }
            if (name.equals("errorCode") && value instanceof Short code) {
                return code + " " + errorName(code);
            }
            if (name.equals("nodeId") && value instanceof Integer node && node >= 0) {
                return "(the broker's node id)";
            }
            if (name.equals("port") && value instanceof Integer answered && answered == port) {
                return "(the broker's port)";
            }
            return String.valueOf(value);
        }

        private String errorName(short code) {
            for (ErrorCode error : ErrorCode.values()) {
                if (error.code() == code) {
                    errorsSeen.add(error);
                    return error.name();
                }
            }
            return "(unknown error code)";
        }

        /** A member id as the script's name for the member; inside longer text too (error messages). */
        private String aliased(String text) {
            String alias = aliases.get(text);
            if (alias != null) {
                return "<" + alias + ">";
            }
            String replaced = text;
            for (Map.Entry<String, String> entry : aliases.entrySet()) {
                replaced = replaced.replace(entry.getKey(), "<" + entry.getValue() + ">");
            }
            return '"' + replaced + '"';
        }
    }

    // Kafka's consumer protocol, as the Java consumer writes it (ConsumerProtocolSubscription and
    // ConsumerProtocolAssignment, version 0): the coordinator reads subscriptions for OffsetDelete.

    private static byte[] subscription(String userData, String... topics) {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        buffer.putShort((short) 0);
        buffer.putInt(topics.length);
        for (String topic : topics) {
            putString(buffer, topic);
        }
        byte[] data = userData.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(data.length).put(data);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] consumerAssignment(String topic, int... partitions) {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        buffer.putShort((short) 0);
        buffer.putInt(1);
        putString(buffer, topic);
        buffer.putInt(partitions.length);
        for (int partition : partitions) {
            buffer.putInt(partition);
        }
        buffer.putInt(-1);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static void putString(ByteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putShort((short) bytes.length).put(bytes);
    }
}
