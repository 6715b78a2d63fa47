package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.SyncOutcome;
import io.brook.broker.group.SyncParams;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.SyncGroupRequest;
import io.brook.protocol.message.SyncGroupRequest.SyncGroupRequestAssignment;
import io.brook.protocol.message.SyncGroupResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * SyncGroup (key 14), versions 0-5. Behaviour: the leader hands in every member's assignment; each
 * member is answered with its own once the group is stable (a follower waits for the leader).
 * Version notes: version 3 adds the group instance id; version 5 sends and echoes the protocol
 * type and name, which must both be there and match the group's (INCONSISTENT_GROUP_PROTOCOL
 * otherwise).
 */
public final class SyncGroupHandler implements ApiHandler<SyncGroupRequest> {
    private static final short FIRST_VERSION_WITH_PROTOCOL = 5;

    private final GroupCoordinator coordinator;

    public SyncGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SYNC_GROUP;
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
    public void handle(RequestContext context, SyncGroupRequest request) {
        if (context.apiVersion() >= FIRST_VERSION_WITH_PROTOCOL && (request.protocolType() == null || request.protocolName() == null)) {
            // Mandatory from version 5: Kafka refuses the request before the coordinator sees it.
            context.respond(new SyncGroupResponse().setErrorCode(ErrorCode.INCONSISTENT_GROUP_PROTOCOL.code()));
            return;
        }
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestAssignment assignment : request.assignments()) {
            assignments.put(assignment.memberId(), assignment.assignment());
        }
        SyncParams params = new SyncParams(request.groupId(), request.generationId(), request.memberId(), request.groupInstanceId(),
                request.protocolType(), request.protocolName(), assignments);
        coordinator.sync(params, outcome -> context.respond(response(outcome)));
    }

    private static SyncGroupResponse response(SyncOutcome outcome) {
        return new SyncGroupResponse().setErrorCode(outcome.error().code()).setProtocolType(outcome.protocolType())
                .setProtocolName(outcome.protocolName()).setAssignment(outcome.assignment());
    }

    @Override
    public ApiMessage errorResponse(SyncGroupRequest request, ErrorCode error) {
        return new SyncGroupResponse().setErrorCode(error.code());
    }
}
