package io.brook.protocol.wire;

/** A message that does not follow Kafka's encoding: truncated, negative lengths, overlong varints. */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
