package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeClusterResponse;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeReplicaLogDirsResult.ReplicaLogDirInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AdminClient describeCluster, describeLogDirs and the ACL calls, as Kafka's tools use them: the
 * one node is the cluster, log directory sizes are the segment bytes on disk, and ACL calls fail
 * with SecurityDisabledException, as they do on a Kafka broker without an authorizer.
 */
class ClusterAdminIT {
    private static final int NODE_ID = 1;
    private static final byte CONTROLLER_ENDPOINT = 2;
    private static final byte NO_SUCH_ENDPOINT = 7;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension();

    @Test
    void describeClusterNamesThisNodeAsBrokerAndControllerWithEveryClusterOperation() throws Exception {
        try (Admin admin = admin()) {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().includeAuthorizedOperations(true));
            Node node = new Node(NODE_ID, "127.0.0.1", broker.port());
            assertEquals(List.of(node), List.copyOf(cluster.nodes().get()));
            assertEquals(node, cluster.controller().get());
            assertEquals(storedClusterId(), cluster.clusterId().get());
            // Only DescribeCluster carries these (Metadata's fallback has none from version 11): the
            // client did use it.
            assertEquals(Set.of(AclOperation.CREATE, AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.CLUSTER_ACTION,
                    AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS, AclOperation.IDEMPOTENT_WRITE),
                    cluster.authorizedOperations().get());
            assertNull(admin.describeCluster().authorizedOperations().get(), "not asked for, not given");
        }
    }

    @Test
    void describeClusterRefusesEndpointTypesOtherThanBrokersAsKafkaDoes() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            DescribeClusterResponse controllers = client.call(ApiKey.DESCRIBE_CLUSTER, (short) 1,
                    new DescribeClusterRequest().setEndpointType(CONTROLLER_ENDPOINT), DescribeClusterResponse.class);
            assertEquals(ErrorCode.MISMATCHED_ENDPOINT_TYPE.code(), controllers.errorCode());
            assertEquals("The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER",
                    controllers.errorMessage());
            DescribeClusterResponse unknown = client.call(ApiKey.DESCRIBE_CLUSTER, (short) 2,
                    new DescribeClusterRequest().setEndpointType(NO_SUCH_ENDPOINT), DescribeClusterResponse.class);
            assertEquals(ErrorCode.UNSUPPORTED_ENDPOINT_TYPE.code(), unknown.errorCode());
            assertEquals("Unsupported endpoint type 7", unknown.errorMessage());
            assertEquals(List.of(), unknown.brokers());
        }
    }

    @Test
    void describeLogDirsReportsTheSegmentBytesOfEachPartitionAsTheyGrow() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("sized", 2, (short) 1), new NewTopic("other", 1, (short) 1))).all().get();
            LogDirDescription before = onlyLogDir(admin);
            Path directory = broker.dataDirectory().toAbsolutePath().normalize();
            assertEquals(Files.getFileStore(directory).getTotalSpace(), before.totalBytes().getAsLong());
            long usableBytes = before.usableBytes().getAsLong();
            assertTrue(usableBytes > 0 && usableBytes <= before.totalBytes().getAsLong(), "usable bytes " + usableBytes);
            assertEquals(Set.of(partition("sized", 0), partition("sized", 1), partition("other", 0)), before.replicaInfos().keySet());
            for (ReplicaInfo replica : before.replicaInfos().values()) {
                assertEquals(0, replica.size());
                assertEquals(0, replica.offsetLag());
                assertEquals(false, replica.isFuture());
            }

            produce("sized", 1, 500);
            LogDirDescription after = onlyLogDir(admin);
            long grown = after.replicaInfos().get(partition("sized", 1)).size();
            assertTrue(grown > 500 * 100, "500 records of 100+ bytes take more than 50,000 bytes: " + grown);
            assertEquals(segmentBytesOnDisk("sized-1"), grown);
            assertEquals(0, after.replicaInfos().get(partition("sized", 0)).size());

            // Asks for named partitions rather than all: the one that exists is found, the other not.
            TopicPartitionReplica existing = new TopicPartitionReplica("sized", 1, NODE_ID);
            TopicPartitionReplica missing = new TopicPartitionReplica("sized", 7, NODE_ID);
            Map<TopicPartitionReplica, ReplicaLogDirInfo> replicas = admin.describeReplicaLogDirs(List.of(existing, missing)).all().get();
            assertEquals(directory.toString(), replicas.get(existing).getCurrentReplicaLogDir());
            assertNull(replicas.get(existing).getFutureReplicaLogDir());
            assertNull(replicas.get(missing).getCurrentReplicaLogDir());
        }
    }

    @Test
    void aclCallsFailWithSecurityDisabledAsOnKafkaWithoutAnAuthorizer() throws Exception {
        AclBinding binding = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
                new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
        try (Admin admin = admin()) {
            assertSecurityDisabled("No Authorizer is configured on the broker", admin.describeAcls(AclBindingFilter.ANY).values());
            assertSecurityDisabled("No Authorizer is configured.", admin.createAcls(List.of(binding)).all());
            assertSecurityDisabled("No Authorizer is configured.", admin.deleteAcls(List.of(AclBindingFilter.ANY)).all());
        }
    }

    private static void assertSecurityDisabled(String message, KafkaFuture<?> future) {
        ExecutionException failure = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(SecurityDisabledException.class, failure.getCause());
        assertEquals(message, failure.getCause().getMessage());
    }

    private static LogDirDescription onlyLogDir(Admin admin) throws Exception {
        Map<String, LogDirDescription> directories = admin.describeLogDirs(List.of(NODE_ID)).allDescriptions().get().get(NODE_ID);
        assertEquals(1, directories.size(), directories.toString());
        return directories.values().iterator().next();
    }

    private String storedClusterId() throws Exception {
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(broker.dataDirectory().resolve("meta.properties"))) {
            meta.load(reader);
        }
        return meta.getProperty("cluster.id");
    }

    private long segmentBytesOnDisk(String partitionDirectory) throws Exception {
        try (Stream<Path> files = Files.list(broker.dataDirectory().resolve(partitionDirectory))) {
            long total = 0;
            for (Path file : files.filter(path -> path.toString().endsWith(".log")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private void produce(String topic, int partition, int recordCount) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < recordCount; i++) {
                producer.send(new ProducerRecord<>(topic, partition, null, "value-" + i + "-" + "x".repeat(100)));
            }
            producer.flush();
        }
    }

    private static TopicPartition partition(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
