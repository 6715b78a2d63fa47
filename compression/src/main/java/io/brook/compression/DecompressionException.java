package io.brook.compression;

/**
 * A batch's compressed records could not be decompressed within the rules. Both kinds mean the
 * same thing to a producer (Kafka's {@code CORRUPT_MESSAGE}, nothing written); they are separate
 * types so that logs and tests can tell a garbage payload from a decompression bomb.
 */
public abstract sealed class DecompressionException extends Exception
        permits CorruptCompressedDataException, DecompressedSizeLimitException {

    private final CompressionType type;

    DecompressionException(CompressionType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    /** The codec that rejected the data. */
    public CompressionType type() {
        return type;
    }
}
