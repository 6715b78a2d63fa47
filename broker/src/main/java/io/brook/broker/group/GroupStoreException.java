package io.brook.broker.group;

import io.brook.protocol.ErrorCode;

/**
 * Why group records did not reach the group log, with the Kafka error that says it: the log's
 * own error when it refused the append, REQUEST_TIMED_OUT when its append ring stayed full.
 */
public final class GroupStoreException extends Exception {
    private final ErrorCode error;

    public GroupStoreException(ErrorCode error, String message) {
        super(message);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
