package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.GroupCoordinator.LeavingMember;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.LeaveGroupRequest;
import io.brook.protocol.message.LeaveGroupRequest.MemberIdentity;
import io.brook.protocol.message.LeaveGroupResponse;
import io.brook.protocol.message.LeaveGroupResponse.MemberResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * LeaveGroup (key 13), versions 0-5. Behaviour: the members leave at once and the group
 * rebalances without them. Version notes: before version 3 one member leaves, by member id, and
 * its error is the response's error; from version 3 members leave in a batch, by member id or
 * group instance id, each with its own error.
 */
public final class LeaveGroupHandler implements ApiHandler<LeaveGroupRequest> {
    private static final short FIRST_BATCHED_VERSION = 3;

    private final GroupCoordinator coordinator;

    public LeaveGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LEAVE_GROUP;
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
    public void handle(RequestContext context, LeaveGroupRequest request) {
        boolean batched = context.apiVersion() >= FIRST_BATCHED_VERSION;
        List<LeavingMember> leaving = new ArrayList<>();
        if (batched) {
            for (MemberIdentity member : request.members()) {
                leaving.add(new LeavingMember(member.memberId(), member.groupInstanceId()));
            }
        } else {
            leaving.add(new LeavingMember(request.memberId(), null));
        }
        coordinator.leave(request.groupId(), leaving, outcome -> {
            LeaveGroupResponse response = new LeaveGroupResponse();
            if (!batched) {
                ErrorCode error = outcome.error() != ErrorCode.NONE || outcome.memberErrors().isEmpty()
                        ? outcome.error() : outcome.memberErrors().get(0);
                context.respond(response.setErrorCode(error.code()));
                return;
            }
            response.setErrorCode(outcome.error().code());
            for (int i = 0; i < outcome.memberErrors().size(); i++) {
                LeavingMember member = leaving.get(i);
                response.members().add(new MemberResponse().setMemberId(member.memberId())
                        .setGroupInstanceId(member.groupInstanceId()).setErrorCode(outcome.memberErrors().get(i).code()));
            }
            context.respond(response);
        });
    }

    @Override
    public ApiMessage errorResponse(LeaveGroupRequest request, ErrorCode error) {
        return new LeaveGroupResponse().setErrorCode(error.code());
    }
}
