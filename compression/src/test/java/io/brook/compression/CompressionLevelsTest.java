package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Our level constants against kafka-clients' own. */
class CompressionLevelsTest {

    @Test
    void rangesAndDefaultsAreKafkas() {
        for (CompressionType type : new CompressionType[] {CompressionType.GZIP, CompressionType.LZ4, CompressionType.ZSTD}) {
            org.apache.kafka.common.record.internal.CompressionType kafkas =
                    org.apache.kafka.common.record.internal.CompressionType.forId(type.id());
            assertEquals(kafkas.defaultLevel(), CompressionLevels.defaultLevel(type), type.configName());
            assertTrue(CompressionLevels.isValid(type, kafkas.minLevel()));
            assertTrue(CompressionLevels.isValid(type, kafkas.maxLevel()));
            assertFalse(CompressionLevels.isValid(type, kafkas.minLevel() - 1));
            assertFalse(CompressionLevels.isValid(type, kafkas.maxLevel() + 1));
            assertTrue(CompressionLevels.isValid(type, kafkas.defaultLevel()));
        }
        assertEquals(TopicConfig.COMPRESSION_GZIP_LEVEL_CONFIG, CompressionLevels.GZIP_LEVEL_CONFIG);
        assertEquals(TopicConfig.COMPRESSION_LZ4_LEVEL_CONFIG, CompressionLevels.LZ4_LEVEL_CONFIG);
        assertEquals(TopicConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, CompressionLevels.ZSTD_LEVEL_CONFIG);
        assertEquals(com.github.luben.zstd.Zstd.minCompressionLevel(), CompressionLevels.ZSTD_MIN_LEVEL);
        assertEquals(com.github.luben.zstd.Zstd.maxCompressionLevel(), CompressionLevels.ZSTD_MAX_LEVEL);
    }

    @Test
    void gzipTakesMinusOneButNotZero() {
        assertTrue(CompressionLevels.isValid(CompressionType.GZIP, -1));
        assertFalse(CompressionLevels.isValid(CompressionType.GZIP, 0));
    }

    @Test
    void snappyAndNoneHaveNoLevel() {
        assertNull(CompressionLevels.configName(CompressionType.SNAPPY));
        assertNull(CompressionLevels.configName(CompressionType.NONE));
        assertEquals(CompressionLevels.NO_LEVEL, CompressionLevels.defaultLevel(CompressionType.SNAPPY));
    }
}
