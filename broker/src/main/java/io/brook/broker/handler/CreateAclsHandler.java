package io.brook.broker.handler;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.CreateAclsRequest;
import io.brook.protocol.message.CreateAclsResponse;
import io.brook.protocol.message.CreateAclsResponse.AclCreationResult;

/**
 * CreateAcls (key 30), versions 1-3. Behaviour: there is no authorizer, so, as Kafka without one,
 * every creation fails with SECURITY_DISABLED; nothing is stored.
 */
public final class CreateAclsHandler implements ApiHandler<CreateAclsRequest> {
    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_ACLS;
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
    public void handle(RequestContext context, CreateAclsRequest request) {
        context.respond(failAll(request, ErrorCode.SECURITY_DISABLED, NoAuthorizer.CHANGE_MESSAGE));
    }

    /** One result per creation, in request order: how clients match them up. */
    private static CreateAclsResponse failAll(CreateAclsRequest request, ErrorCode error, String message) {
        CreateAclsResponse response = new CreateAclsResponse();
        if (request != null) {
            for (int i = 0; i < request.creations().size(); i++) {
                response.results().add(new AclCreationResult().setErrorCode(error.code()).setErrorMessage(message));
            }
        }
        return response;
    }

    @Override
    public ApiMessage errorResponse(CreateAclsRequest request, ErrorCode error) {
        return failAll(request, error, null);
    }
}
