package io.brook.compression;

/**
 * The values of the topic config {@code compression.type} (and the broker's default of it): a
 * codec the topic's batches are stored in, or {@code producer} to keep whatever the producer
 * used. Note the spelling: the topic config says {@code uncompressed} where batch attributes and
 * producers say {@code none} (Kafka's {@code BrokerCompressionType}).
 */
public enum TopicCompression {
    PRODUCER("producer", null),
    UNCOMPRESSED("uncompressed", CompressionType.NONE),
    GZIP("gzip", CompressionType.GZIP),
    SNAPPY("snappy", CompressionType.SNAPPY),
    LZ4("lz4", CompressionType.LZ4),
    ZSTD("zstd", CompressionType.ZSTD);

    private final String configName;
    private final CompressionType storedType;

    TopicCompression(String configName, CompressionType storedType) {
        this.configName = configName;
        this.storedType = storedType;
    }

    public String configName() {
        return configName;
    }

    /** The value named {@code name}, or null if {@code compression.type} has no such value. */
    public static TopicCompression forConfigName(String name) {
        for (TopicCompression value : values()) {
            if (value.configName.equals(name)) {
                return value;
            }
        }
        return null;
    }

    /** The codec a batch the producer compressed with {@code producerType} is stored in on this topic. */
    public CompressionType storedType(CompressionType producerType) {
        return storedType == null ? producerType : storedType;
    }
}
