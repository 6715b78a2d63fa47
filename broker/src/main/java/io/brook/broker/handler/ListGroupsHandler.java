package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.GroupListing;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ListGroupsRequest;
import io.brook.protocol.message.ListGroupsResponse;
import io.brook.protocol.message.ListGroupsResponse.ListedGroup;
import java.util.HashSet;

/**
 * ListGroups (key 16), versions 0-5. Behaviour: every group this coordinator holds, with its
 * protocol type ("" for a group that only stores offsets). Version notes: version 4 adds the
 * state and a state filter; version 5 the group type (always "classic" here) and a type filter.
 */
public final class ListGroupsHandler implements ApiHandler<ListGroupsRequest> {
    private final GroupCoordinator coordinator;

    public ListGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_GROUPS;
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
    public void handle(RequestContext context, ListGroupsRequest request) {
        coordinator.list(new HashSet<>(request.statesFilter()), new HashSet<>(request.typesFilter()), listings -> {
            ListGroupsResponse response = new ListGroupsResponse();
            for (GroupListing listing : listings) {
                response.groups().add(new ListedGroup().setGroupId(listing.groupId()).setProtocolType(listing.protocolType())
                        .setGroupState(listing.state()).setGroupType(GroupListing.CLASSIC_TYPE));
            }
            context.respond(response);
        });
    }

    @Override
    public ApiMessage errorResponse(ListGroupsRequest request, ErrorCode error) {
        return new ListGroupsResponse().setErrorCode(error.code());
    }
}
