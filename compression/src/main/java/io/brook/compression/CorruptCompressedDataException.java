package io.brook.compression;

/**
 * The compressed bytes are not a valid stream of their codec: garbage, truncated, a failed
 * checksum, a header field out of range, a format feature Kafka does not use, or bytes left over
 * after the end of the stream.
 */
public final class CorruptCompressedDataException extends DecompressionException {

    public CorruptCompressedDataException(CompressionType type, String detail) {
        this(type, detail, null);
    }

    public CorruptCompressedDataException(CompressionType type, String detail, Throwable cause) {
        super(type, "Corrupt " + type.configName() + " data: " + detail, cause);
    }
}
