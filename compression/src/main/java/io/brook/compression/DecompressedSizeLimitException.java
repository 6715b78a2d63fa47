package io.brook.compression;

/**
 * The compressed bytes would decompress to more than the caller's limit. Thrown as soon as that is
 * known (from a declared length, or the first byte past the limit), before memory past the limit
 * is allocated; the data may or may not be otherwise valid.
 */
public final class DecompressedSizeLimitException extends DecompressionException {

    private final int limitBytes;

    public DecompressedSizeLimitException(CompressionType type, int limitBytes, String detail) {
        super(type, "The " + type.configName() + " data decompresses past the limit of " + limitBytes + " bytes: " + detail,
                null);
        this.limitBytes = limitBytes;
    }

    public int limitBytes() {
        return limitBytes;
    }
}
