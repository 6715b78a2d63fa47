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
    private long logAppendTimeMs = NO_TIMESTAMP;
    private long logStartOffset = -1;

    /** Kafka's "no timestamp", for a batch that keeps its producer's timestamps. */
    public static final long NO_TIMESTAMP = -1;

    /**
     * The batch is in the log (or was already: a retry) at {@code baseOffset}; {@code
     * logAppendTimeMs} is the broker's timestamp when the topic stamps batches (LogAppendTime),
     * else {@link #NO_TIMESTAMP}.
     */
    public void succeeded(long baseOffset, long logAppendTimeMs, long logStartOffset) {
        this.error = ErrorCode.NONE;
        this.errorMessage = null;
        this.baseOffset = baseOffset;
        this.logAppendTimeMs = logAppendTimeMs;
        this.logStartOffset = logStartOffset;
    }

    public void failed(ErrorCode error, String errorMessage, long logStartOffset) {
        this.error = error;
        this.errorMessage = errorMessage;
        this.baseOffset = -1;
        this.logAppendTimeMs = NO_TIMESTAMP;
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

    /** The timestamp the broker gave the batch, or {@link #NO_TIMESTAMP} when it kept the producer's. */
    public long logAppendTimeMs() {
        return logAppendTimeMs;
    }

    public long logStartOffset() {
        return logStartOffset;
    }
}
