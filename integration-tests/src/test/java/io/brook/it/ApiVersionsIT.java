package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.AlterConfigsRequest;
import io.brook.protocol.message.CreateAclsRequest;
import io.brook.protocol.message.CreatePartitionsRequest;
import io.brook.protocol.message.DeleteAclsRequest;
import io.brook.protocol.message.DescribeAclsRequest;
import io.brook.protocol.message.DeleteGroupsRequest;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeGroupsRequest;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.HeartbeatRequest;
import io.brook.protocol.message.JoinGroupRequest;
import io.brook.protocol.message.LeaveGroupRequest;
import io.brook.protocol.message.ListGroupsRequest;
import io.brook.protocol.message.OffsetCommitRequest;
import io.brook.protocol.message.OffsetDeleteRequest;
import io.brook.protocol.message.OffsetFetchRequest;
import io.brook.protocol.message.SyncGroupRequest;
import io.brook.protocol.message.DescribeLogDirsRequest;
import io.brook.protocol.message.DeleteRecordsRequest;
import io.brook.protocol.message.DeleteRecordsRequest.DeleteRecordsPartition;
import io.brook.protocol.message.DeleteRecordsRequest.DeleteRecordsTopic;
import io.brook.protocol.message.DescribeConfigsRequest;
import io.brook.protocol.message.DescribeConfigsRequest.DescribeConfigsResource;
import io.brook.protocol.message.IncrementalAlterConfigsRequest;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.ApiVersionsResponse;
import io.brook.protocol.message.ApiVersionsResponse.ApiVersion;
import io.brook.protocol.message.CreateTopicsRequest;
import io.brook.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.brook.protocol.message.DeleteTopicsRequest;
import io.brook.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 6: every advertised (API key, version) is served, and a version outside the served
 * range gets UNSUPPORTED_VERSION on a connection that stays open.
 */
class ApiVersionsIT {
    private static final short PRODUCE_FIRST_SERVED_VERSION = 3;
    /** A version no Kafka release has defined for any of these APIs. */
    private static final short FAR_FUTURE_VERSION = 99;
    /** Kafka's ids in ACL filters and bindings: ANY (resource type, pattern type, operation, permission), TOPIC, READ, ALLOW. */
    private static final byte ACL_ANY = 1;
    private static final byte ACL_TOPIC = 2;
    private static final byte ACL_READ = 3;
    private static final byte ACL_ALLOW = 3;

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    @Test
    void advertisesTheServedRangesWithProduceFromZero() throws Exception {
        Map<ApiKey, short[]> expected = new TreeMap<>(Map.ofEntries(
                Map.entry(ApiKey.PRODUCE, new short[] {0, 11}),
                Map.entry(ApiKey.FETCH, new short[] {4, 12}),
                Map.entry(ApiKey.LIST_OFFSETS, new short[] {1, 7}),
                Map.entry(ApiKey.METADATA, new short[] {0, 12}),
                Map.entry(ApiKey.API_VERSIONS, new short[] {0, 4}),
                Map.entry(ApiKey.CREATE_TOPICS, new short[] {2, 7}),
                Map.entry(ApiKey.DELETE_TOPICS, new short[] {1, 6}),
                Map.entry(ApiKey.DELETE_RECORDS, new short[] {0, 2}),
                Map.entry(ApiKey.INIT_PRODUCER_ID, new short[] {0, 5}),
                Map.entry(ApiKey.DESCRIBE_CONFIGS, new short[] {1, 4}),
                Map.entry(ApiKey.ALTER_CONFIGS, new short[] {0, 2}),
                Map.entry(ApiKey.INCREMENTAL_ALTER_CONFIGS, new short[] {0, 1}),
                Map.entry(ApiKey.OFFSET_COMMIT, new short[] {2, 9}),
                Map.entry(ApiKey.OFFSET_FETCH, new short[] {1, 9}),
                Map.entry(ApiKey.FIND_COORDINATOR, new short[] {0, 5}),
                Map.entry(ApiKey.JOIN_GROUP, new short[] {0, 9}),
                Map.entry(ApiKey.HEARTBEAT, new short[] {0, 4}),
                Map.entry(ApiKey.LEAVE_GROUP, new short[] {0, 5}),
                Map.entry(ApiKey.SYNC_GROUP, new short[] {0, 5}),
                Map.entry(ApiKey.DESCRIBE_GROUPS, new short[] {0, 6}),
                Map.entry(ApiKey.LIST_GROUPS, new short[] {0, 5}),
                Map.entry(ApiKey.DELETE_GROUPS, new short[] {0, 2}),
                Map.entry(ApiKey.OFFSET_DELETE, new short[] {0, 0}),
                Map.entry(ApiKey.DESCRIBE_ACLS, new short[] {1, 3}),
                Map.entry(ApiKey.CREATE_ACLS, new short[] {1, 3}),
                Map.entry(ApiKey.DELETE_ACLS, new short[] {1, 3}),
                Map.entry(ApiKey.DESCRIBE_LOG_DIRS, new short[] {1, 5}),
                Map.entry(ApiKey.CREATE_PARTITIONS, new short[] {0, 3}),
                Map.entry(ApiKey.DESCRIBE_CLUSTER, new short[] {0, 2})));
        Map<ApiKey, short[]> advertised = new TreeMap<>();
        for (ApiVersion version : advertised()) {
            advertised.put(ApiKey.forId(version.apiKey()), new short[] {version.minVersion(), version.maxVersion()});
        }
        assertEquals(expected.keySet(), advertised.keySet());
        for (ApiKey key : expected.keySet()) {
            assertEquals(List.of(expected.get(key)[0], expected.get(key)[1]),
                    List.of(advertised.get(key)[0], advertised.get(key)[1]), key.apiName());
        }
    }

    @Test
    void everyAdvertisedVersionIsServed() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            int correlationId = 0;
            for (ApiVersion range : advertised()) {
                ApiKey key = ApiKey.forId(range.apiKey());
                for (short version = range.minVersion(); version <= range.maxVersion(); version++) {
                    client.send(key, version, ++correlationId, request(key, version));
                    WireClient.Response response = client.receive(key, version);
                    assertEquals(correlationId, response.correlationId(), key.apiName() + " v" + version);
                    List<Short> errors = ResponseErrors.collect(response.body());
                    assertFalse(errors.isEmpty(), key.apiName() + " v" + version + " response has no error code");
                    for (short error : errors) {
                        assertEquals(expectedError(key, version).code(), error, key.apiName() + " v" + version);
                    }
                }
            }
        }
    }

    @Test
    void versionsOutsideTheServedRangeGetUnsupportedVersionWithoutDisconnecting() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            int correlationId = 1_000;
            for (ApiVersion range : advertised()) {
                ApiKey key = ApiKey.forId(range.apiKey());
                for (short version : new short[] {(short) (range.minVersion() - 1), (short) (range.maxVersion() + 1)}) {
                    if (version < 0 || !key.hasVersion(version)) {
                        continue;
                    }
                    client.send(key, version, ++correlationId, request(key, version));
                    WireClient.Response response = client.receive(key, version);
                    assertEquals(correlationId, response.correlationId(), key.apiName() + " v" + version);
                    // A decoded response also reports 0 for error fields its version lacks (Fetch's
                    // top-level code before version 7), so only the codes present must all say so.
                    List<Short> errors = ResponseErrors.collect(response.body()).stream().filter(error -> error != 0).toList();
                    assertFalse(errors.isEmpty(), key.apiName() + " v" + version + " carries no error code");
                    for (short error : errors) {
                        assertEquals(ErrorCode.UNSUPPORTED_VERSION.code(), error, key.apiName() + " v" + version);
                    }
                }
            }
            client.assertStillServing();
        }
    }

    @Test
    void apiVersionsAtAnUnknownVersionGetsAVersionZeroAnswer() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            client.send(ApiKey.API_VERSIONS, FAR_FUTURE_VERSION, 5, null);
            WireClient.Response response = client.receive(ApiKey.API_VERSIONS, FAR_FUTURE_VERSION, (short) 0);
            ApiVersionsResponse body = (ApiVersionsResponse) response.body();
            assertEquals(5, response.correlationId());
            assertEquals(ErrorCode.UNSUPPORTED_VERSION.code(), body.errorCode());
            assertEquals(1, body.apiKeys().size());
            assertEquals(ApiKey.API_VERSIONS.id(), body.apiKeys().get(0).apiKey());
            assertEquals(4, body.apiKeys().get(0).maxVersion());
            client.assertStillServing();
        }
    }

    @Test
    void aVersionNoKafkaDefinedIsAnsweredAtTheNearestKnownVersion() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            short highest = ApiKey.INIT_PRODUCER_ID.highestVersion();
            client.sendRaw(WireClient.frame(ApiKey.INIT_PRODUCER_ID, FAR_FUTURE_VERSION, highest, 6, Requests.initProducerId()));
            WireClient.Response response = client.receive(ApiKey.INIT_PRODUCER_ID, FAR_FUTURE_VERSION, highest);
            assertEquals(6, response.correlationId());
            assertEquals(List.of(ErrorCode.UNSUPPORTED_VERSION.code()), ResponseErrors.collect(response.body()));
            client.assertStillServing();
        }
    }

    private static ErrorCode expectedError(ApiKey key, short version) {
        if (key == ApiKey.PRODUCE && version < PRODUCE_FIRST_SERVED_VERSION) {
            return ErrorCode.UNSUPPORTED_VERSION;
        }
        if (key == ApiKey.DELETE_TOPICS) {
            return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (key == ApiKey.DESCRIBE_ACLS || key == ApiKey.CREATE_ACLS || key == ApiKey.DELETE_ACLS) {
            return ErrorCode.SECURITY_DISABLED;
        }
        return switch (key) {
            case JOIN_GROUP -> ErrorCode.INVALID_SESSION_TIMEOUT;
            case SYNC_GROUP, HEARTBEAT -> ErrorCode.UNKNOWN_MEMBER_ID;
            // From version 3 nobody leaves (an empty batch), which is no error.
            case LEAVE_GROUP -> version >= 3 ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
            case OFFSET_DELETE, DELETE_GROUPS -> ErrorCode.GROUP_ID_NOT_FOUND;
            // Kafka 4 describes an unknown group as Dead, and from version 6 says it is not found.
            case DESCRIBE_GROUPS -> version >= 6 ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.NONE;
            default -> ErrorCode.NONE;
        };
    }

    private static List<ApiVersion> advertised() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            ApiVersionsResponse response = client.call(ApiKey.API_VERSIONS, (short) 3, apiVersionsRequest(), ApiVersionsResponse.class);
            assertEquals(ErrorCode.NONE.code(), response.errorCode());
            assertTrue(response.apiKeys().size() > 0);
            return response.apiKeys();
        }
    }

    private static ApiVersionsRequest apiVersionsRequest() {
        return new ApiVersionsRequest().setClientSoftwareName("wire-client").setClientSoftwareVersion("1.0");
    }

    private static final String WALK_GROUP = "walk-group";
    private static final String UNKNOWN_GROUP = "no-such-group";

    /** A minimal valid request of {@code key} at {@code version}. */
    private static ApiMessage request(ApiKey key, short version) {
        String topic = "walk";
        return switch (key) {
            case PRODUCE -> Requests.produce(topic, 0, (short) 1, TestBatches.plain(1));
            case FETCH -> Requests.fetch(topic, 0, 0);
            case LIST_OFFSETS -> Requests.listOffsets(topic, 0, Requests.EARLIEST);
            case METADATA -> Requests.metadata(topic);
            case API_VERSIONS -> apiVersionsRequest();
            case CREATE_TOPICS -> new CreateTopicsRequest().setTopics(List.of(new CreatableTopic()
                    .setName("created-v" + version).setNumPartitions(1).setReplicationFactor((short) 1)));
            case DELETE_TOPICS -> version >= 6
                    ? new DeleteTopicsRequest().setTopics(List.of(new DeleteTopicState().setName("never-created")))
                    : new DeleteTopicsRequest().setTopicNames(List.of("never-created"));
            case INIT_PRODUCER_ID -> Requests.initProducerId();
            case DELETE_RECORDS -> new DeleteRecordsRequest().setTimeoutMs(1000).setTopics(List.of(new DeleteRecordsTopic()
                    .setName(topic).setPartitions(List.of(new DeleteRecordsPartition().setPartitionIndex(0).setOffset(0)))));
            case DESCRIBE_CONFIGS -> new DescribeConfigsRequest().setResources(List.of(new DescribeConfigsResource()
                    .setResourceType((byte) 2).setResourceName(topic).setConfigurationKeys(null)));
            case ALTER_CONFIGS -> new AlterConfigsRequest().setValidateOnly(true).setResources(List.of(
                    new AlterConfigsRequest.AlterConfigsResource().setResourceType((byte) 2).setResourceName(topic)
                            .setConfigs(List.of(new AlterConfigsRequest.AlterableConfig().setName("retention.ms").setValue("-1")))));
            case INCREMENTAL_ALTER_CONFIGS -> new IncrementalAlterConfigsRequest().setValidateOnly(true).setResources(List.of(
                    new IncrementalAlterConfigsRequest.AlterConfigsResource().setResourceType((byte) 2).setResourceName(topic)
                            .setConfigs(List.of(new IncrementalAlterConfigsRequest.AlterableConfig()
                                    .setName("retention.ms").setConfigOperation((byte) 0).setValue("-1")))));
            case DESCRIBE_ACLS -> new DescribeAclsRequest().setResourceTypeFilter(ACL_ANY).setResourceNameFilter(null)
                    .setPatternTypeFilter(ACL_ANY).setPrincipalFilter(null).setHostFilter(null).setOperation(ACL_ANY)
                    .setPermissionType(ACL_ANY);
            case CREATE_ACLS -> new CreateAclsRequest().setCreations(List.of(new CreateAclsRequest.AclCreation()
                    .setResourceType(ACL_TOPIC).setResourceName(topic).setPrincipal("User:walker").setHost("*")
                    .setOperation(ACL_READ).setPermissionType(ACL_ALLOW)));
            case DELETE_ACLS -> new DeleteAclsRequest().setFilters(List.of(new DeleteAclsRequest.DeleteAclsFilter()
                    .setResourceTypeFilter(ACL_ANY).setResourceNameFilter(null).setPatternTypeFilter(ACL_ANY)
                    .setPrincipalFilter(null).setHostFilter(null).setOperation(ACL_ANY).setPermissionType(ACL_ANY)));
            case DESCRIBE_LOG_DIRS -> new DescribeLogDirsRequest().setTopics(null);
            case CREATE_PARTITIONS -> new CreatePartitionsRequest().setTimeoutMs(30_000).setValidateOnly(true).setTopics(List.of(
                    new CreatePartitionsRequest.CreatePartitionsTopic().setName(topic).setCount(100).setAssignments(null)));
            case DESCRIBE_CLUSTER -> new DescribeClusterRequest();
            case FIND_COORDINATOR -> version >= 4
                    ? new FindCoordinatorRequest().setCoordinatorKeys(List.of(WALK_GROUP))
                    : new FindCoordinatorRequest().setKey(WALK_GROUP);
            case JOIN_GROUP -> new JoinGroupRequest().setGroupId(WALK_GROUP).setSessionTimeoutMs(1).setRebalanceTimeoutMs(1)
                    .setMemberId("").setProtocolType("consumer").setProtocols(List.of(
                            new JoinGroupRequest.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[0])));
            // Protocol type and name are mandatory from version 5 (ignorable before).
            case SYNC_GROUP -> new SyncGroupRequest().setGroupId(UNKNOWN_GROUP).setGenerationId(1).setMemberId("nobody")
                    .setProtocolType("consumer").setProtocolName("range");
            case HEARTBEAT -> new HeartbeatRequest().setGroupId(UNKNOWN_GROUP).setGenerationId(1).setMemberId("nobody");
            case LEAVE_GROUP -> version >= 3
                    ? new LeaveGroupRequest().setGroupId(UNKNOWN_GROUP)
                    : new LeaveGroupRequest().setGroupId(UNKNOWN_GROUP).setMemberId("nobody");
            case OFFSET_COMMIT -> new OffsetCommitRequest().setGroupId(WALK_GROUP).setMemberId("").setTopics(List.of(
                    new OffsetCommitRequest.OffsetCommitRequestTopic().setName(topic).setPartitions(List.of(
                            new OffsetCommitRequest.OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(0)))));
            case OFFSET_FETCH -> version >= 8
                    ? new OffsetFetchRequest().setGroups(List.of(new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId(WALK_GROUP)
                            .setTopics(List.of(new OffsetFetchRequest.OffsetFetchRequestTopics().setName(topic).setPartitionIndexes(List.of(0))))))
                    : new OffsetFetchRequest().setGroupId(WALK_GROUP).setTopics(List.of(
                            new OffsetFetchRequest.OffsetFetchRequestTopic().setName(topic).setPartitionIndexes(List.of(0))));
            case OFFSET_DELETE -> new OffsetDeleteRequest().setGroupId(UNKNOWN_GROUP);
            case DESCRIBE_GROUPS -> new DescribeGroupsRequest().setGroups(List.of(UNKNOWN_GROUP));
            case LIST_GROUPS -> new ListGroupsRequest();
            case DELETE_GROUPS -> new DeleteGroupsRequest().setGroupsNames(List.of(UNKNOWN_GROUP));
        };
    }
}
