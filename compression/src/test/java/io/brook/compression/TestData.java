package io.brook.compression;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Payloads for codec tests: seeded, so a failure reproduces. */
final class TestData {

    static final int MIB = 1024 * 1024;
    static final int[] SIZES_BYTES = {0, 1, 100, MIB};

    private TestData() {
    }

    static byte[] random(int bytes, long seed) {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Looks like a batch of JSON records: repetitive structure, varying values. */
    static byte[] compressible(int bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(bytes + 128);
        while (text.length() < bytes) {
            text.append("{\"id\":").append(random.nextInt(100_000))
                    .append(",\"user\":\"user-").append(random.nextInt(1000))
                    .append("\",\"event\":\"page_view\",\"path\":\"/items/").append(random.nextInt(5000))
                    .append("\",\"ok\":true}\n");
        }
        byte[] data = new byte[bytes];
        System.arraycopy(text.toString().getBytes(StandardCharsets.US_ASCII), 0, data, 0, bytes);
        return data;
    }

    /** The same bytes in a direct buffer. */
    static ByteBuffer direct(byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(data.length);
        buffer.put(data).flip();
        return buffer;
    }

    /** The same bytes in a heap buffer whose array has other bytes around them (arrayOffset != 0, position != 0). */
    static ByteBuffer offsetSlice(byte[] data) {
        byte[] padded = new byte[data.length + 24];
        java.util.Arrays.fill(padded, (byte) 0x5A);
        System.arraycopy(data, 0, padded, 16, data.length);
        ByteBuffer slice = ByteBuffer.wrap(padded, 8, data.length + 16).slice();
        return slice.position(8).limit(8 + data.length);
    }
}
