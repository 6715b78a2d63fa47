package io.brook.compression;

/**
 * Kafka's compression levels: the topic configs {@code compression.gzip.level},
 * {@code compression.lz4.level} and {@code compression.zstd.level} (KIP-390), with Kafka's ranges
 * and defaults, for the config layer to validate against and for {@link BatchCodec#compress}.
 * Snappy and none have no level.
 */
public final class CompressionLevels {

    public static final String GZIP_LEVEL_CONFIG = "compression.gzip.level";
    /** zlib's own default (level 6), which is what Kafka's -1 means. */
    public static final int GZIP_DEFAULT_LEVEL = -1;
    public static final int GZIP_MIN_LEVEL = 1;
    public static final int GZIP_MAX_LEVEL = 9;

    public static final String LZ4_LEVEL_CONFIG = "compression.lz4.level";
    /**
     * Kafka's default. At exactly this level Kafka uses LZ4's fast compressor, which has no level
     * at all; any other level selects the high-compression (HC) compressor at that level.
     */
    public static final int LZ4_DEFAULT_LEVEL = 9;
    public static final int LZ4_MIN_LEVEL = 1;
    public static final int LZ4_MAX_LEVEL = 17;

    public static final String ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    public static final int ZSTD_DEFAULT_LEVEL = 3;
    /** zstd's fastest negative level, ZSTD_minCLevel() = -ZSTD_TARGETLENGTH_MAX = -(1 << 17). */
    public static final int ZSTD_MIN_LEVEL = -131072;
    public static final int ZSTD_MAX_LEVEL = 22;

    /** What codecs without levels are given; they ignore it. */
    public static final int NO_LEVEL = 0;

    private CompressionLevels() {
    }

    /** Whether Kafka accepts {@code level} for {@code type}: gzip takes 1..9 or -1; snappy and none take anything (they ignore it). */
    public static boolean isValid(CompressionType type, int level) {
        return switch (type) {
            case GZIP -> level == GZIP_DEFAULT_LEVEL || (level >= GZIP_MIN_LEVEL && level <= GZIP_MAX_LEVEL);
            case LZ4 -> level >= LZ4_MIN_LEVEL && level <= LZ4_MAX_LEVEL;
            case ZSTD -> level >= ZSTD_MIN_LEVEL && level <= ZSTD_MAX_LEVEL;
            case NONE, SNAPPY -> true;
        };
    }

    /** Kafka's default level for {@code type}, or {@link #NO_LEVEL} for snappy and none. */
    public static int defaultLevel(CompressionType type) {
        return switch (type) {
            case GZIP -> GZIP_DEFAULT_LEVEL;
            case LZ4 -> LZ4_DEFAULT_LEVEL;
            case ZSTD -> ZSTD_DEFAULT_LEVEL;
            case NONE, SNAPPY -> NO_LEVEL;
        };
    }

    /** The topic config that sets {@code type}'s level, or null for snappy and none. */
    public static String configName(CompressionType type) {
        return switch (type) {
            case GZIP -> GZIP_LEVEL_CONFIG;
            case LZ4 -> LZ4_LEVEL_CONFIG;
            case ZSTD -> ZSTD_LEVEL_CONFIG;
            case NONE, SNAPPY -> null;
        };
    }

    static void check(CompressionType type, int level) {
        if (!isValid(type, level)) {
            throw new IllegalArgumentException("level=" + level + " is not a valid " + type.configName() + " level");
        }
    }
}
