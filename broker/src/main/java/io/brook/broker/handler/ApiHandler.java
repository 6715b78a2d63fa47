package io.brook.broker.handler;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;

/**
 * Serves one Kafka API. The registry derives the ApiVersions answer from these declarations; the
 * dispatcher answers versions outside {@code [minVersion, maxVersion]} itself, with
 * {@link #errorResponse}.
 *
 * @param <Q> the request message
 */
public interface ApiHandler<Q extends ApiMessage> {
    ApiKey apiKey();

    /** The lowest version served. */
    short minVersion();

    /** The highest version served and advertised. */
    short maxVersion();

    /** The lowest version advertised; below {@link #minVersion()} only where clients need it (Produce). */
    default short advertisedMinVersion() {
        return minVersion();
    }

    /** Handles a request at a served version. Runs on the connection's event loop; may finish later, elsewhere. */
    void handle(RequestContext context, Q request);

    /**
     * Finishes a request that failed as a whole (a version this handler does not serve, an
     * unexpected exception): by default with {@link #errorResponse}.
     */
    default void fail(RequestContext context, Q request, ErrorCode error) {
        context.respond(errorResponse(request, error));
    }

    /**
     * This API's response carrying {@code error} wherever the response has room for one. {@code
     * request} is null when its version was one the codec cannot read.
     */
    ApiMessage errorResponse(Q request, ErrorCode error);

    /**
     * The version to write an error response at when the request's version is unknown to the codec:
     * the nearest one it knows.
     */
    default short errorResponseVersion(short requestedVersion) {
        return (short) Math.max(apiKey().lowestVersion(), Math.min(apiKey().highestVersion(), requestedVersion));
    }
}
