package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.GroupSummary;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DescribeGroupsRequest;
import io.brook.protocol.message.DescribeGroupsResponse;
import io.brook.protocol.message.DescribeGroupsResponse.DescribedGroup;
import io.brook.protocol.message.DescribeGroupsResponse.DescribedGroupMember;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeGroups (key 15), versions 0-6. Behaviour: each group's state, protocol type and members
 * (client id and host, and the assignment each last got, verbatim); in the Stable state also the
 * chosen protocol and each member's metadata for it, verbatim, which the admin client decodes. An unknown group is described as Dead.
 * Version notes: version 3 can ask for the authorized operations (without an authorizer, every
 * operation on a group); version 4 adds group instance ids; from version 6 an unknown group also
 * carries GROUP_ID_NOT_FOUND (KIP-1043).
 */
public final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequest> {
    private static final short FIRST_VERSION_WITH_NOT_FOUND = 6;
    /**
     * The operations on a group, as bits by ACL operation code: READ (3), DELETE (6), DESCRIBE
     * (8), DESCRIBE_CONFIGS (10) and ALTER_CONFIGS (11). Without an authorizer all are allowed.
     */
    static final int ALL_GROUP_OPERATIONS = 1 << 3 | 1 << 6 | 1 << 8 | 1 << 10 | 1 << 11;
    private static final int OPERATIONS_NOT_ASKED = Integer.MIN_VALUE;

    private final GroupCoordinator coordinator;

    public DescribeGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_GROUPS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public void handle(RequestContext context, DescribeGroupsRequest request) {
        short version = context.apiVersion();
        int operations = request.includeAuthorizedOperations() ? ALL_GROUP_OPERATIONS : OPERATIONS_NOT_ASKED;
        coordinator.describe(request.groups(), summaries -> {
            List<DescribedGroup> groups = new ArrayList<>(summaries.size());
            for (GroupSummary summary : summaries) {
                groups.add(described(summary, version, operations));
            }
            context.respond(new DescribeGroupsResponse().setGroups(groups));
        });
    }

    private static DescribedGroup described(GroupSummary summary, short version, int operations) {
        DescribedGroup group = new DescribedGroup().setGroupId(summary.groupId()).setGroupState(summary.state())
                .setProtocolType(summary.protocolType()).setProtocolData(summary.protocolName());
        if (!summary.found()) {
            if (version >= FIRST_VERSION_WITH_NOT_FOUND) {
                group.setErrorCode(ErrorCode.GROUP_ID_NOT_FOUND.code()).setErrorMessage("Group " + summary.groupId() + " not found.");
            }
            return group;
        }
        group.setAuthorizedOperations(operations);
        for (GroupSummary.Member member : summary.members()) {
            group.members().add(new DescribedGroupMember().setMemberId(member.memberId()).setGroupInstanceId(member.groupInstanceId())
                    .setClientId(member.clientId()).setClientHost(member.clientHost()).setMemberMetadata(member.metadata())
                    .setMemberAssignment(member.assignment()));
        }
        return group;
    }

    @Override
    public ApiMessage errorResponse(DescribeGroupsRequest request, ErrorCode error) {
        DescribeGroupsResponse response = new DescribeGroupsResponse();
        if (request != null) {
            for (String groupId : request.groups()) {
                response.groups().add(new DescribedGroup().setGroupId(groupId).setErrorCode(error.code()).setGroupState("")
                        .setProtocolType("").setProtocolData(""));
            }
        }
        return response;
    }
}
