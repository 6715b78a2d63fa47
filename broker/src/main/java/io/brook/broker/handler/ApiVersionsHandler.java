package io.brook.broker.handler;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.ApiVersionsResponse;
import io.brook.protocol.message.ApiVersionsResponse.ApiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ApiVersions (key 18), versions 0-4. Behaviour: answers with every served API and its advertised
 * range, read from the handler registry, so the answer cannot drift from what is served. No
 * features are advertised, which Java clients read as "transaction protocol version 1".
 * Version notes: from version 3 the client's software name and version must match Kafka's
 * pattern, else INVALID_REQUEST. A version this broker does not know (5 and up) is answered, not
 * disconnected, with a version 0 body holding UNSUPPORTED_VERSION and the ApiVersions range
 * (KIP-511), so that the client retries with a version we speak.
 */
final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequest> {
    /** Kafka's rule for ClientSoftwareName and ClientSoftwareVersion. */
    private static final Pattern SOFTWARE_NAME_OR_VERSION = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");
    private static final short FIRST_VERSION_WITH_CLIENT_SOFTWARE = 3;

    private final ApiHandlerRegistry registry;

    ApiVersionsHandler(ApiHandlerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
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
    public void handle(RequestContext context, ApiVersionsRequest request) {
        if (context.apiVersion() >= FIRST_VERSION_WITH_CLIENT_SOFTWARE
                && !(isValidSoftwareText(request.clientSoftwareName()) && isValidSoftwareText(request.clientSoftwareVersion()))) {
            context.respond(errorResponse(request, ErrorCode.INVALID_REQUEST));
            return;
        }
        List<ApiVersion> apiKeys = new ArrayList<>();
        for (ApiHandlerRegistry.AdvertisedVersions versions : registry.advertisedVersions()) {
            apiKeys.add(new ApiVersion().setApiKey(versions.apiKey().id())
                    .setMinVersion(versions.minVersion()).setMaxVersion(versions.maxVersion()));
        }
        context.respond(new ApiVersionsResponse().setErrorCode(ErrorCode.NONE.code()).setApiKeys(apiKeys));
    }

    private static boolean isValidSoftwareText(String text) {
        return SOFTWARE_NAME_OR_VERSION.matcher(text).matches();
    }

    @Override
    public ApiMessage errorResponse(ApiVersionsRequest request, ErrorCode error) {
        ApiVersionsResponse response = new ApiVersionsResponse().setErrorCode(error.code());
        if (error == ErrorCode.UNSUPPORTED_VERSION) {
            response.setApiKeys(List.of(new ApiVersion().setApiKey(apiKey().id()).setMinVersion(minVersion()).setMaxVersion(maxVersion())));
        }
        return response;
    }

    /** KIP-511: a client that asked for a version we do not know can always read a version 0 body. */
    @Override
    public short errorResponseVersion(short requestedVersion) {
        return 0;
    }
}
