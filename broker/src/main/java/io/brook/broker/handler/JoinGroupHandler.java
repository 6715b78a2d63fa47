package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.MemberProtocol;
import io.brook.broker.group.JoinOutcome;
import io.brook.broker.group.JoinParams;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.JoinGroupRequest;
import io.brook.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol;
import io.brook.protocol.message.JoinGroupResponse;
import io.brook.protocol.message.JoinGroupResponse.JoinGroupResponseMember;
import java.util.ArrayList;
import java.util.List;

/**
 * JoinGroup (key 11), versions 0-9. Behaviour: hands the join to the group coordinator, which
 * answers when the group's join phase completes (possibly after group.initial.rebalance.delay.ms
 * or a member's rebalance timeout). Version notes: version 0 has no rebalance timeout (the session
 * timeout serves as both, as in Kafka); from version 4 a first join without a member id gets
 * MEMBER_ID_REQUIRED and an id to rejoin with; version 5 adds static membership; version 7 echoes
 * the protocol type and lets the protocol name be null; version 9 tells a static leader that
 * replaced its old instance in a stable group to skip the assignment (before, such a member is
 * told the old leader id instead, so that it does not assign).
 */
public final class JoinGroupHandler implements ApiHandler<JoinGroupRequest> {
    private static final short FIRST_VERSION_REQUIRING_MEMBER_ID = 4;
    private static final short FIRST_VERSION_WITH_NULLABLE_PROTOCOL = 7;
    private static final short FIRST_VERSION_SKIPPING_ASSIGNMENT = 9;

    private final GroupCoordinator coordinator;

    public JoinGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.JOIN_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public void handle(RequestContext context, JoinGroupRequest request) {
        short version = context.apiVersion();
        List<MemberProtocol> protocols = new ArrayList<>(request.protocols().size());
        for (JoinGroupRequestProtocol protocol : request.protocols()) {
            protocols.add(new MemberProtocol(protocol.name(), protocol.metadata()));
        }
        int rebalanceTimeoutMs = request.rebalanceTimeoutMs() < 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
        JoinParams params = new JoinParams(request.groupId(), request.memberId(), request.groupInstanceId(), context.clientId(),
                context.clientHost(), request.sessionTimeoutMs(), rebalanceTimeoutMs, request.protocolType(), protocols,
                version >= FIRST_VERSION_REQUIRING_MEMBER_ID, version >= FIRST_VERSION_SKIPPING_ASSIGNMENT);
        coordinator.join(params, outcome -> context.respond(response(outcome, version)));
    }

    private static JoinGroupResponse response(JoinOutcome outcome, short version) {
        List<JoinGroupResponseMember> members = new ArrayList<>(outcome.members().size());
        for (JoinOutcome.MemberMetadata member : outcome.members()) {
            members.add(new JoinGroupResponseMember().setMemberId(member.memberId()).setGroupInstanceId(member.groupInstanceId())
                    .setMetadata(member.metadata()));
        }
        return new JoinGroupResponse()
                .setErrorCode(outcome.error().code())
                .setGenerationId(outcome.generationId())
                .setProtocolType(outcome.protocolType())
                .setProtocolName(protocolName(outcome.protocolName(), version))
                .setLeader(outcome.leaderId())
                .setSkipAssignment(version >= FIRST_VERSION_SKIPPING_ASSIGNMENT && outcome.skipAssignment())
                .setMemberId(outcome.memberId())
                .setMembers(members);
    }

    private static String protocolName(String protocolName, short version) {
        return protocolName == null && version < FIRST_VERSION_WITH_NULLABLE_PROTOCOL ? "" : protocolName;
    }

    @Override
    public ApiMessage errorResponse(JoinGroupRequest request, ErrorCode error) {
        return new JoinGroupResponse().setErrorCode(error.code()).setGenerationId(JoinOutcome.NO_GENERATION)
                .setProtocolName("").setLeader("").setMemberId(request == null ? "" : request.memberId());
    }
}
