package io.brook.broker.network;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.ApiKey;

/**
 * One request's place in its connection's response order, and how it finished. Confined to the
 * connection's event loop.
 */
final class PendingResponse {
    enum Outcome { PENDING, RESPONSE, NO_RESPONSE, CLOSE_CONNECTION }

    final int correlationId;
    final ApiKey apiKey;
    /** The version the response body is written at. */
    final short responseVersion;
    /** The response header version the client expects for its request's version. */
    final short headerVersion;
    Outcome outcome = Outcome.PENDING;
    ApiMessage response;
    String closeReason;

    PendingResponse(int correlationId, ApiKey apiKey, short responseVersion, short headerVersion) {
        this.correlationId = correlationId;
        this.apiKey = apiKey;
        this.responseVersion = responseVersion;
        this.headerVersion = headerVersion;
    }
}
