package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TopicCompressionTest {

    @Test
    void producerKeepsTheProducersCodec() {
        for (CompressionType type : CompressionType.values()) {
            assertEquals(type, TopicCompression.PRODUCER.storedType(type));
        }
    }

    @Test
    void aNamedCodecOverridesTheProducers() {
        assertEquals(CompressionType.NONE, TopicCompression.UNCOMPRESSED.storedType(CompressionType.ZSTD));
        assertEquals(CompressionType.ZSTD, TopicCompression.ZSTD.storedType(CompressionType.NONE));
    }

    @Test
    void namesAreKafkas() {
        assertEquals(TopicCompression.UNCOMPRESSED, TopicCompression.forConfigName("uncompressed"));
        assertEquals(TopicCompression.PRODUCER, TopicCompression.forConfigName("producer"));
        assertNull(TopicCompression.forConfigName("none"));
        for (org.apache.kafka.common.record.internal.CompressionType kafkas
                : org.apache.kafka.common.record.internal.CompressionType.values()) {
            if (kafkas.id != 0) {
                assertEquals(kafkas.name, TopicCompression.forConfigName(kafkas.name).configName());
            }
        }
    }
}
