package io.brook.broker.handler;

import io.brook.broker.metadata.AdvertisedAddress;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.FindCoordinatorResponse;
import io.brook.protocol.message.FindCoordinatorResponse.Coordinator;

/**
 * FindCoordinator (key 10), versions 0-5. Behaviour: this broker coordinates every group, so a
 * group key (type 0) is answered with this node, as Metadata advertises it. Transactions are not
 * supported: a transactional key (type 1) gets INVALID_REQUEST, as InitProducerId does.
 * Version notes: from version 4 the keys come batched (CoordinatorKeys) and each gets its own
 * entry in Coordinators; before, one Key and the answer in the top-level fields. Version 6 adds
 * share-group keys and is not served.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequest> {
    private static final byte GROUP_KEY_TYPE = 0;
    private static final short FIRST_BATCHED_VERSION = 4;
    private static final int NO_NODE = -1;
    private static final String TRANSACTIONS_UNSUPPORTED = "Transactions are not supported by this broker.";

    private final int nodeId;
    private final AdvertisedAddress advertisedAddress;

    public FindCoordinatorHandler(int nodeId, AdvertisedAddress advertisedAddress) {
        this.nodeId = nodeId;
        this.advertisedAddress = advertisedAddress;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public void handle(RequestContext context, FindCoordinatorRequest request) {
        FindCoordinatorResponse response = new FindCoordinatorResponse();
        boolean groupKeys = request.keyType() == GROUP_KEY_TYPE;
        if (context.apiVersion() >= FIRST_BATCHED_VERSION) {
            for (String key : request.coordinatorKeys()) {
                Coordinator coordinator = new Coordinator().setKey(key);
                if (groupKeys) {
                    coordinator.setNodeId(nodeId).setHost(advertisedAddress.host()).setPort(advertisedAddress.port());
                } else {
                    coordinator.setNodeId(NO_NODE).setHost("").setPort(NO_NODE)
                            .setErrorCode(ErrorCode.INVALID_REQUEST.code()).setErrorMessage(TRANSACTIONS_UNSUPPORTED);
                }
                response.coordinators().add(coordinator);
            }
        } else if (groupKeys) {
            // Kafka 4.3.1 sets the message from its error, Errors.NONE.message(): "NONE" on success.
            response.setNodeId(nodeId).setHost(advertisedAddress.host()).setPort(advertisedAddress.port())
                    .setErrorMessage(ErrorCode.NONE.name());
        } else {
            response.setErrorCode(ErrorCode.INVALID_REQUEST.code()).setErrorMessage(TRANSACTIONS_UNSUPPORTED)
                    .setNodeId(NO_NODE).setHost("").setPort(NO_NODE);
        }
        context.respond(response);
    }

    /**
     * Batched requests (version 4 on) carry their keys, and get the error in each key's entry;
     * the others get it in the top-level fields, which only versions 0-3 have.
     */
    @Override
    public ApiMessage errorResponse(FindCoordinatorRequest request, ErrorCode error) {
        FindCoordinatorResponse response = new FindCoordinatorResponse();
        if (request == null || request.coordinatorKeys().isEmpty()) {
            return response.setErrorCode(error.code()).setNodeId(NO_NODE).setHost("").setPort(NO_NODE);
        }
        for (String key : request.coordinatorKeys()) {
            response.coordinators().add(new Coordinator().setKey(key).setNodeId(NO_NODE).setHost("").setPort(NO_NODE)
                    .setErrorCode(error.code()));
        }
        return response;
    }

    /** A version the codec does not know is answered in the last unbatched layout, which has a top-level error. */
    @Override
    public short errorResponseVersion(short requestedVersion) {
        return (short) Math.min(FIRST_BATCHED_VERSION - 1, ApiHandler.super.errorResponseVersion(requestedVersion));
    }
}
