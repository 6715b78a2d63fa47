package io.brook.log.append;

import io.brook.protocol.ErrorCode;

/** Why a batch was refused: Kafka's error code for the client, and a sentence for the client and the log. */
public record BatchRejection(ErrorCode error, String message) {
}
