package io.brook.compression;

/**
 * Kafka's compression codecs, by the id stored in bits 0-2 of a record batch's attributes and the
 * name used by the {@code compression.type} configs.
 */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    private static final CompressionType[] BY_ID = values();

    private final int id;
    private final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    public int id() {
        return id;
    }

    /** The name in {@code compression.type}: none, gzip, snappy, lz4, zstd. */
    public String configName() {
        return configName;
    }

    /** The codec with {@code id}, or null for an id Kafka does not define (5-7 fit the 3 bits but mean nothing). */
    public static CompressionType forId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
