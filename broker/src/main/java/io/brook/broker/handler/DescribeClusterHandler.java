package io.brook.broker.handler;

import io.brook.broker.metadata.AdvertisedAddress;
import io.brook.broker.metadata.ClusterIdentity;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeClusterResponse;
import io.brook.protocol.message.DescribeClusterResponse.DescribeClusterBroker;
import java.util.List;

/**
 * DescribeCluster (key 60), versions 0-2. Behaviour: the cluster id, this node as the controller
 * and as the only broker (advertised host and port, no rack, never fenced). Asked to include the
 * cluster's authorized operations, it reports every operation Kafka defines on a cluster, as Kafka
 * does without an authorizer. This is a broker endpoint: asking it for controllers gets
 * MISMATCHED_ENDPOINT_TYPE, and an endpoint type Kafka does not know UNSUPPORTED_ENDPOINT_TYPE,
 * with Kafka's messages.
 * Version notes: the endpoint type is in requests from version 1 (version 0 always means brokers);
 * version 2 lets clients ask for fenced brokers, of which there are none.
 */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequest> {
    /** Kafka's EndpointType ids. */
    private static final byte BROKER_ENDPOINT = 1;
    private static final byte CONTROLLER_ENDPOINT = 2;
    /** Kafka's "not requested" value for authorized-operation fields. */
    private static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;
    /**
     * Without an authorizer every cluster operation is allowed: the bits of CREATE (5), ALTER (7),
     * DESCRIBE (8), CLUSTER_ACTION (9), DESCRIBE_CONFIGS (10), ALTER_CONFIGS (11) and
     * IDEMPOTENT_WRITE (12) in Kafka's AclOperation codes, the operations its ACLs know for a cluster.
     */
    private static final int ALL_CLUSTER_OPERATIONS =
            (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);

    private final ClusterIdentity identity;
    private final AdvertisedAddress address;

    public DescribeClusterHandler(ClusterIdentity identity, AdvertisedAddress address) {
        this.identity = identity;
        this.address = address;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CLUSTER;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public void handle(RequestContext context, DescribeClusterRequest request) {
        context.respond(describe(request));
    }

    private DescribeClusterResponse describe(DescribeClusterRequest request) {
        if (request.endpointType() == CONTROLLER_ENDPOINT) {
            return new DescribeClusterResponse().setErrorCode(ErrorCode.MISMATCHED_ENDPOINT_TYPE.code())
                    .setErrorMessage("The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER");
        }
        if (request.endpointType() != BROKER_ENDPOINT) {
            return new DescribeClusterResponse().setErrorCode(ErrorCode.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("Unsupported endpoint type " + request.endpointType());
        }
        DescribeClusterBroker broker = new DescribeClusterBroker()
                .setBrokerId(identity.nodeId())
                .setHost(address.host())
                .setPort(address.port())
                .setRack(null)
                .setIsFenced(false);
        return new DescribeClusterResponse()
                .setErrorCode(ErrorCode.NONE.code())
                .setEndpointType(BROKER_ENDPOINT)
                .setClusterId(identity.clusterId())
                .setControllerId(identity.nodeId())
                .setBrokers(List.of(broker))
                .setClusterAuthorizedOperations(request.includeClusterAuthorizedOperations()
                        ? ALL_CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED);
    }

    @Override
    public ApiMessage errorResponse(DescribeClusterRequest request, ErrorCode error) {
        return new DescribeClusterResponse().setErrorCode(error.code());
    }
}
