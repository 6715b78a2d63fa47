package io.brook.protocol.wire;

/**
 * A message asked to be read or written at a version its spec does not define, or a field set to a
 * non-default value at a version that cannot carry it (Kafka's rule for non-ignorable fields).
 */
public final class UnsupportedVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedVersionException(String message) {
        super(message);
    }
}
