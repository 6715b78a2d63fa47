package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CompressionTypeTest {

    @Test
    void idsAndNamesAreKafkas() {
        assertEquals(CompressionType.NONE, CompressionType.forId(0));
        assertEquals(CompressionType.GZIP, CompressionType.forId(1));
        assertEquals(CompressionType.SNAPPY, CompressionType.forId(2));
        assertEquals(CompressionType.LZ4, CompressionType.forId(3));
        assertEquals(CompressionType.ZSTD, CompressionType.forId(4));
        assertEquals("zstd", CompressionType.ZSTD.configName());
        assertEquals("none", CompressionType.NONE.configName());
    }

    @Test
    void idsOutsideKafkasCodecsHaveNoType() {
        for (int id = 5; id <= 7; id++) {
            assertNull(CompressionType.forId(id));
        }
        assertNull(CompressionType.forId(-1));
    }
}
