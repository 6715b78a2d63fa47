package io.brook.broker.handler;

import io.brook.broker.metadata.AdvertisedAddress;
import io.brook.broker.metadata.ClusterIdentity;
import io.brook.broker.metadata.LeaderEpoch;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicNames;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.broker.metadata.Uuids;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse.MetadataResponseBroker;
import io.brook.protocol.message.MetadataResponse.MetadataResponsePartition;
import io.brook.protocol.message.MetadataResponse.MetadataResponseTopic;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Metadata (key 3), versions 0-12. Behaviour: this node is the only broker, the controller, and
 * the leader of every partition with leader epoch 0, its only replica and in-sync replica.
 * Requested topics that do not exist are created when both {@code auto.create.topics.enable} and
 * the request allow it (the creation runs on the control plane); otherwise they get
 * UNKNOWN_TOPIC_OR_PARTITION, or INVALID_TOPIC_EXCEPTION for an illegal name. Topic ids are real
 * and persisted.
 * Version notes: version 0 asks for all topics with an empty list, later versions with null;
 * auto-creation is always allowed before version 4; topics can be named by id from version 12
 * (at 10 and 11 that gets INVALID_REQUEST, as in Kafka, because those responses need names).
 */
public final class MetadataHandler implements ApiHandler<MetadataRequest> {
    private static final short FIRST_VERSION_WITH_NULL_TOPICS = 1;
    private static final short FIRST_VERSION_WITH_AUTO_CREATE_FLAG = 4;
    /** Requests may name topics by id from version 10, but only responses from 12 can leave their names out. */
    private static final short FIRST_VERSION_WITH_NULL_TOPIC_NAMES_IN_RESPONSE = 12;
    /** Kafka's "not requested" value for authorized-operation fields. */
    private static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;
    /**
     * Without an authorizer every topic operation is allowed: the bits of READ (3), WRITE (4),
     * CREATE (5), DELETE (6), ALTER (7), DESCRIBE (8), DESCRIBE_CONFIGS (10) and ALTER_CONFIGS (11)
     * in Kafka's AclOperation codes.
     */
    private static final int ALL_TOPIC_OPERATIONS = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 10) | (1 << 11);

    private final TopicRegistry topics;
    private final AutoTopicCreation autoCreation;
    private final ControlPlane controlPlane;
    private final ClusterIdentity identity;
    private final AdvertisedAddress address;

    public MetadataHandler(TopicRegistry topics, AutoTopicCreation autoCreation, ControlPlane controlPlane,
                           ClusterIdentity identity, AdvertisedAddress address) {
        this.topics = topics;
        this.autoCreation = autoCreation;
        this.controlPlane = controlPlane;
        this.identity = identity;
        this.address = address;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 12;
    }

    @Override
    public void handle(RequestContext context, MetadataRequest request) {
        if (context.apiVersion() < FIRST_VERSION_WITH_NULL_TOPIC_NAMES_IN_RESPONSE && namesATopicOnlyById(request)) {
            context.respond(errorResponse(request, ErrorCode.INVALID_REQUEST));
            return;
        }
        boolean clientAllowsCreation = context.apiVersion() < FIRST_VERSION_WITH_AUTO_CREATE_FLAG || request.allowAutoTopicCreation();
        Set<String> toCreate = new LinkedHashSet<>();
        if (request.topics() != null) {
            for (MetadataRequestTopic topic : request.topics()) {
                if (topic.name() != null && autoCreation.wouldCreate(topic.name(), clientAllowsCreation)) {
                    toCreate.add(topic.name());
                }
            }
        }
        if (toCreate.isEmpty()) {
            context.respond(describe(request, context.apiVersion()));
        } else {
            controlPlane.submit(context, this, request, r -> {
                autoCreation.create(toCreate);
                return describe(r, context.apiVersion());
            });
        }
    }

    private static boolean namesATopicOnlyById(MetadataRequest request) {
        if (request.topics() == null) {
            return false;
        }
        for (MetadataRequestTopic topic : request.topics()) {
            if (topic.name() == null) {
                return true;
            }
        }
        return false;
    }

    private MetadataResponse describe(MetadataRequest request, short version) {
        List<MetadataResponseTopic> described = new ArrayList<>();
        boolean allTopics = request.topics() == null
                || (version < FIRST_VERSION_WITH_NULL_TOPICS && request.topics().isEmpty());
        if (allTopics) {
            for (Topic topic : topics.all()) {
                described.add(describe(topic, request.includeTopicAuthorizedOperations()));
            }
        } else {
            for (MetadataRequestTopic requested : request.topics()) {
                described.add(describe(requested, request.includeTopicAuthorizedOperations()));
            }
        }
        return brokerAndCluster().setTopics(described);
    }

    private MetadataResponseTopic describe(MetadataRequestTopic requested, boolean includeOperations) {
        if (requested.name() == null) {
            Topic topic = topics.get(requested.topicId());
            return topic != null
                    ? describe(topic, includeOperations)
                    : new MetadataResponseTopic().setErrorCode(ErrorCode.UNKNOWN_TOPIC_ID.code()).setName(null)
                            .setTopicId(requested.topicId());
        }
        Topic topic = topics.get(requested.name());
        if (topic != null) {
            return describe(topic, includeOperations);
        }
        ErrorCode error = TopicNames.validate(requested.name()) == null
                ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
                : ErrorCode.INVALID_TOPIC_EXCEPTION;
        return new MetadataResponseTopic().setErrorCode(error.code()).setName(requested.name());
    }

    private MetadataResponseTopic describe(Topic topic, boolean includeOperations) {
        List<MetadataResponsePartition> partitions = new ArrayList<>(topic.partitionCount());
        List<Integer> thisNode = List.of(identity.nodeId());
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            partitions.add(new MetadataResponsePartition()
                    .setErrorCode(ErrorCode.NONE.code())
                    .setPartitionIndex(partition)
                    .setLeaderId(identity.nodeId())
                    .setLeaderEpoch(LeaderEpoch.CURRENT)
                    .setReplicaNodes(thisNode)
                    .setIsrNodes(thisNode)
                    .setOfflineReplicas(List.of()));
        }
        return new MetadataResponseTopic()
                .setErrorCode(ErrorCode.NONE.code())
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(false)
                .setPartitions(partitions)
                .setTopicAuthorizedOperations(includeOperations ? ALL_TOPIC_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED);
    }

    private MetadataResponse brokerAndCluster() {
        return new MetadataResponse()
                .setBrokers(List.of(new MetadataResponseBroker()
                        .setNodeId(identity.nodeId())
                        .setHost(address.host())
                        .setPort(address.port())))
                .setClusterId(identity.clusterId())
                .setControllerId(identity.nodeId());
    }

    /** Every requested topic carries the error; a request for all topics gets the brokers alone. */
    @Override
    public ApiMessage errorResponse(MetadataRequest request, ErrorCode error) {
        List<MetadataResponseTopic> failed = new ArrayList<>();
        if (request != null && request.topics() != null) {
            for (MetadataRequestTopic topic : request.topics()) {
                // A topic named by id gets an empty name: responses before version 12 cannot carry null.
                failed.add(new MetadataResponseTopic().setErrorCode(error.code()).setName(topic.name() == null ? "" : topic.name())
                        .setTopicId(topic.topicId() == null ? Uuids.ZERO : topic.topicId()));
            }
        }
        return brokerAndCluster().setTopics(failed).setErrorCode(error.code());
    }
}
