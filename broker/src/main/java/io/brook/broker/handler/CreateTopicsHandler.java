package io.brook.broker.handler;

import io.brook.broker.config.ConfigEntry;
import io.brook.broker.config.ConfigException;
import io.brook.broker.config.TopicConfigs;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicNames;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.CreateTopicsRequest;
import io.brook.protocol.message.CreateTopicsRequest.CreatableReplicaAssignment;
import io.brook.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.brook.protocol.message.CreateTopicsRequest.CreatableTopicConfig;
import io.brook.protocol.message.CreateTopicsResponse;
import io.brook.protocol.message.CreateTopicsResponse.CreatableTopicConfigs;
import io.brook.protocol.message.CreateTopicsResponse.CreatableTopicResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CreateTopics (key 19), versions 2-7. Behaviour: creates each valid topic on the control plane and
 * answers per topic: TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS (below 1 or above 10,000),
 * INVALID_REPLICATION_FACTOR (anything but 1: there is one broker), INVALID_REPLICA_ASSIGNMENT
 * (an assignment naming another broker or leaving gaps), INVALID_REQUEST (a topic named twice in
 * one request, assignments together with a partition count or replication factor, or the name of
 * one of the broker's own logs, as Kafka answers for {@code __cluster_metadata}), INVALID_CONFIG
 * (an unknown topic setting, a bad or null value, cleanup.policy=compact). The topic's settings
 * are stored with it and its partitions run with them. With {@code validateOnly}
 * nothing is created. A setting named twice takes its last value, as in Kafka.
 * Version notes: -1 partitions or replication factor (version 4 on) mean the broker's defaults;
 * from version 5 the response repeats the partition count and replication factor and lists every
 * topic setting with its value and source, as DescribeConfigs would; from version 7 it carries the
 * topic id.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequest> {
    private static final int USE_BROKER_DEFAULT = -1;
    /**
     * Kafka's controller refuses single operations of more than 10,000 records
     * (QuorumController.MAX_RECORDS_PER_USER_OP); a partition is a directory and an open file here,
     * so the same bound keeps one request from exhausting file handles.
     */
    static final int MAX_PARTITIONS_PER_TOPIC = 10_000;
    private static final short SINGLE_REPLICA = 1;

    private final TopicRegistry topics;
    private final TopicConfigs topicConfigs;
    private final ControlPlane controlPlane;
    private final int nodeId;
    private final int defaultPartitions;
    private final short defaultReplicationFactor;

    public CreateTopicsHandler(TopicRegistry topics, TopicConfigs topicConfigs, ControlPlane controlPlane, int nodeId,
                               int defaultPartitions, short defaultReplicationFactor) {
        this.topics = topics;
        this.topicConfigs = topicConfigs;
        this.controlPlane = controlPlane;
        this.nodeId = nodeId;
        this.defaultPartitions = defaultPartitions;
        this.defaultReplicationFactor = defaultReplicationFactor;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 7;
    }

    @Override
    public void handle(RequestContext context, CreateTopicsRequest request) {
        controlPlane.submit(context, this, request, this::createAll);
    }

    private CreateTopicsResponse createAll(CreateTopicsRequest request) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (CreatableTopic topic : request.topics()) {
            if (!seen.add(topic.name())) {
                duplicates.add(topic.name());
            }
        }
        List<CreatableTopicResult> results = new ArrayList<>();
        for (CreatableTopic topic : request.topics()) {
            CreatableTopicResult result = new CreatableTopicResult().setName(topic.name());
            results.add(result);
            if (duplicates.contains(topic.name())) {
                fail(result, ErrorCode.INVALID_REQUEST, "Topic " + topic.name() + " appears more than once in the request.");
                continue;
            }
            create(topic, request.validateOnly(), result);
        }
        return new CreateTopicsResponse().setTopics(results);
    }

    private void create(CreatableTopic request, boolean validateOnly, CreatableTopicResult result) throws IOException {
        String invalidName = TopicNames.validate(request.name());
        if (invalidName != null) {
            fail(result, ErrorCode.INVALID_TOPIC_EXCEPTION, invalidName);
            return;
        }
        if (topics.isInternal(request.name())) {
            // Kafka's answer for __cluster_metadata, its one log that is not a topic, as ours are not.
            fail(result, ErrorCode.INVALID_REQUEST, "Creation of internal topic " + request.name() + " is prohibited.");
            return;
        }
        if (topics.get(request.name()) != null) {
            fail(result, ErrorCode.TOPIC_ALREADY_EXISTS, "Topic " + request.name() + " already exists.");
            return;
        }
        int partitions;
        if (request.assignments().isEmpty()) {
            partitions = request.numPartitions() == USE_BROKER_DEFAULT ? defaultPartitions : request.numPartitions();
            short replicationFactor = request.replicationFactor() == USE_BROKER_DEFAULT
                    ? defaultReplicationFactor : request.replicationFactor();
            if (partitions < 1 || partitions > MAX_PARTITIONS_PER_TOPIC) {
                fail(result, ErrorCode.INVALID_PARTITIONS, "Number of partitions must be between 1 and "
                        + MAX_PARTITIONS_PER_TOPIC + ", not " + partitions + ".");
                return;
            }
            if (replicationFactor != SINGLE_REPLICA) {
                fail(result, ErrorCode.INVALID_REPLICATION_FACTOR, "Replication factor " + replicationFactor
                        + " cannot be met: this cluster has a single broker.");
                return;
            }
        } else {
            if (request.numPartitions() != USE_BROKER_DEFAULT || request.replicationFactor() != USE_BROKER_DEFAULT) {
                fail(result, ErrorCode.INVALID_REQUEST, "With replica assignments, numPartitions and replicationFactor must be -1.");
                return;
            }
            String invalidAssignment = validateAssignments(request);
            if (invalidAssignment != null) {
                fail(result, ErrorCode.INVALID_REPLICA_ASSIGNMENT, invalidAssignment);
                return;
            }
            partitions = request.assignments().size();
        }
        Map<String, String> overrides;
        try {
            overrides = topicConfigs.validate(requestedConfigs(request));
        } catch (ConfigException e) {
            fail(result, ErrorCode.INVALID_CONFIG, e.getMessage());
            return;
        }
        if (!validateOnly) {
            Topic created = topics.create(request.name(), partitions, overrides);
            if (created == null) {
                fail(result, ErrorCode.TOPIC_ALREADY_EXISTS, "Topic " + request.name() + " already exists.");
                return;
            }
            result.setTopicId(created.id());
        }
        result.setErrorCode(ErrorCode.NONE.code()).setErrorMessage(null).setNumPartitions(partitions)
                .setReplicationFactor(SINGLE_REPLICA).setConfigs(describedConfigs(overrides));
    }

    /** The request's settings by name; a name given twice keeps its last value. */
    private static Map<String, String> requestedConfigs(CreatableTopic request) {
        Map<String, String> configs = new LinkedHashMap<>();
        for (CreatableTopicConfig config : request.configs()) {
            if (config.value() == null) {
                throw new ConfigException("Null value not supported for topic config " + config.name() + ".");
            }
            configs.put(config.name(), config.value());
        }
        return configs;
    }

    /** Every topic setting with its value and source, for the response (version 5 on). */
    private List<CreatableTopicConfigs> describedConfigs(Map<String, String> overrides) {
        List<CreatableTopicConfigs> configs = new ArrayList<>();
        for (ConfigEntry entry : topicConfigs.describe(overrides)) {
            configs.add(new CreatableTopicConfigs().setName(entry.name()).setValue(entry.value()).setReadOnly(entry.readOnly())
                    .setConfigSource(entry.source().id()).setIsSensitive(false));
        }
        return configs;
    }

    /** Why manual assignments cannot be honoured, or null: every partition 0..n-1 on this broker alone. */
    private String validateAssignments(CreatableTopic request) {
        if (request.assignments().size() > MAX_PARTITIONS_PER_TOPIC) {
            return "At most " + MAX_PARTITIONS_PER_TOPIC + " partitions can be assigned, not " + request.assignments().size() + ".";
        }
        Set<Integer> partitions = new HashSet<>();
        for (CreatableReplicaAssignment assignment : request.assignments()) {
            if (!assignment.brokerIds().equals(List.of(nodeId))) {
                return "Partition " + assignment.partitionIndex() + " is assigned to brokers " + assignment.brokerIds()
                        + " but this cluster has only broker " + nodeId + ".";
            }
            partitions.add(assignment.partitionIndex());
        }
        for (int partition = 0; partition < request.assignments().size(); partition++) {
            if (!partitions.contains(partition)) {
                return "Replica assignments must cover partitions 0 to " + (request.assignments().size() - 1) + ".";
            }
        }
        return null;
    }

    private static void fail(CreatableTopicResult result, ErrorCode error, String message) {
        result.setErrorCode(error.code()).setErrorMessage(message);
    }

    @Override
    public ApiMessage errorResponse(CreateTopicsRequest request, ErrorCode error) {
        CreateTopicsResponse response = new CreateTopicsResponse();
        if (request != null) {
            for (CreatableTopic topic : request.topics()) {
                response.topics().add(new CreatableTopicResult().setName(topic.name()).setErrorCode(error.code()));
            }
        }
        return response;
    }
}
