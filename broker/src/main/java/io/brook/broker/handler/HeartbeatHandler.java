package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.HeartbeatRequest;
import io.brook.protocol.message.HeartbeatResponse;

/**
 * Heartbeat (key 12), versions 0-4. Behaviour: keeps a member's session alive; REBALANCE_IN_PROGRESS
 * tells it to rejoin. Version notes: version 3 adds the group instance id.
 */
public final class HeartbeatHandler implements ApiHandler<HeartbeatRequest> {
    private final GroupCoordinator coordinator;

    public HeartbeatHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.HEARTBEAT;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public void handle(RequestContext context, HeartbeatRequest request) {
        coordinator.heartbeat(request.groupId(), request.generationId(), request.memberId(), request.groupInstanceId(),
                error -> context.respond(new HeartbeatResponse().setErrorCode(error.code())));
    }

    @Override
    public ApiMessage errorResponse(HeartbeatRequest request, ErrorCode error) {
        return new HeartbeatResponse().setErrorCode(error.code());
    }
}
