package io.brook.broker.handler;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DeleteAclsRequest;
import io.brook.protocol.message.DeleteAclsResponse;
import io.brook.protocol.message.DeleteAclsResponse.DeleteAclsFilterResult;

/**
 * DeleteAcls (key 31), versions 1-3. Behaviour: there is no authorizer, so, as Kafka without one,
 * every filter fails with SECURITY_DISABLED and matches nothing.
 */
public final class DeleteAclsHandler implements ApiHandler<DeleteAclsRequest> {
    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_ACLS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public void handle(RequestContext context, DeleteAclsRequest request) {
        context.respond(failAll(request, ErrorCode.SECURITY_DISABLED, NoAuthorizer.CHANGE_MESSAGE));
    }

    /** One result per filter, in request order: how clients match them up. */
    private static DeleteAclsResponse failAll(DeleteAclsRequest request, ErrorCode error, String message) {
        DeleteAclsResponse response = new DeleteAclsResponse();
        if (request != null) {
            for (int i = 0; i < request.filters().size(); i++) {
                response.filterResults().add(new DeleteAclsFilterResult().setErrorCode(error.code()).setErrorMessage(message));
            }
        }
        return response;
    }

    @Override
    public ApiMessage errorResponse(DeleteAclsRequest request, ErrorCode error) {
        return failAll(request, error, null);
    }
}
