package io.brook.broker.handler;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DescribeAclsRequest;
import io.brook.protocol.message.DescribeAclsResponse;

/**
 * DescribeAcls (key 29), versions 1-3. Behaviour: there is no authorizer, so, as Kafka without one,
 * every request gets SECURITY_DISABLED at the top level and no resources.
 */
public final class DescribeAclsHandler implements ApiHandler<DescribeAclsRequest> {
    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_ACLS;
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
    public void handle(RequestContext context, DescribeAclsRequest request) {
        context.respond(new DescribeAclsResponse().setErrorCode(ErrorCode.SECURITY_DISABLED.code())
                .setErrorMessage(NoAuthorizer.DESCRIBE_MESSAGE));
    }

    @Override
    public ApiMessage errorResponse(DescribeAclsRequest request, ErrorCode error) {
        return new DescribeAclsResponse().setErrorCode(error.code()).setErrorMessage(null);
    }
}
