package io.brook.log.append;

import io.brook.protocol.ErrorCode;

/**
 * The outcome of one append, filled in by the log. One instance per append thread is reused for
 * every append, so that the hot path allocates nothing; copy what you need before the next one.
 */
public final class AppendResult {
    private ErrorCode error = ErrorCode.NONE;
    private String errorMessage;
    private long baseOffset = -1;
    private long logStartOffset = -1;

    public void succeeded(long baseOffset, long logStartOffset) {
        this.error = ErrorCode.NONE;
        this.errorMessage = null;
        this.baseOffset = baseOffset;
        this.logStartOffset = logStartOffset;
    }

    public void failed(ErrorCode error, String errorMessage, long logStartOffset) {
        this.error = error;
        this.errorMessage = errorMessage;
        this.baseOffset = -1;
        this.logStartOffset = logStartOffset;
    }

    public ErrorCode error() {
        return error;
    }

    /** A sentence for the client when {@link #error()} is not NONE, else null. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The offset of the batch's first record; for a duplicate, the offset it got the first time. */
    public long baseOffset() {
        return baseOffset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }
}
