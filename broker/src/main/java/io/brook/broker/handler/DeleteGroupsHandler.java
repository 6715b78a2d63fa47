package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DeleteGroupsRequest;
import io.brook.protocol.message.DeleteGroupsResponse;
import io.brook.protocol.message.DeleteGroupsResponse.DeletableGroupResult;
import java.util.List;

/**
 * DeleteGroups (key 42), versions 0-2. Behaviour: deletes each empty group with its committed
 * offsets, answered once the deletion is in the group log; NON_EMPTY_GROUP while a group has
 * members, GROUP_ID_NOT_FOUND for an unknown one. Version notes: version 2 is the flexible form.
 */
public final class DeleteGroupsHandler implements ApiHandler<DeleteGroupsRequest> {
    private final GroupCoordinator coordinator;

    public DeleteGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_GROUPS;
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
    public void handle(RequestContext context, DeleteGroupsRequest request) {
        // A group named twice is answered once, as Kafka answers it.
        List<String> groupIds = request.groupsNames().stream().distinct().toList();
        coordinator.deleteGroups(groupIds, errors -> {
            DeleteGroupsResponse response = new DeleteGroupsResponse();
            for (int i = 0; i < groupIds.size(); i++) {
                response.results().add(new DeletableGroupResult().setGroupId(groupIds.get(i)).setErrorCode(errors.get(i).code()));
            }
            context.respond(response);
        });
    }

    @Override
    public ApiMessage errorResponse(DeleteGroupsRequest request, ErrorCode error) {
        DeleteGroupsResponse response = new DeleteGroupsResponse();
        if (request != null) {
            for (String groupId : request.groupsNames()) {
                response.results().add(new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code()));
            }
        }
        return response;
    }
}
