package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CodecsTest {

    @Test
    void hasTheCodecForEveryKafkaId() {
        try (Codecs codecs = Codecs.create()) {
            for (CompressionType type : CompressionType.values()) {
                assertEquals(type, codecs.codec(type).type());
            }
        }
    }
}
