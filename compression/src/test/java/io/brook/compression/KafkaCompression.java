package io.brook.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/** Kafka's own codecs (kafka-clients 4.x {@code Compression}), as its producer and consumer use them for magic 2 batches. */
final class KafkaCompression {

    private static final byte MAGIC_V2 = 2;

    private KafkaCompression() {
    }

    static Compression of(CompressionType type, int level) {
        return switch (type) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().level(level).build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().level(level).build();
            case ZSTD -> Compression.zstd().level(level).build();
        };
    }

    static byte[] compress(CompressionType type, int level, byte[] data) {
        ByteBufferOutputStream out = new ByteBufferOutputStream(64);
        try (OutputStream stream = of(type, level).wrapForOutput(out, MAGIC_V2)) {
            stream.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer written = out.buffer();
        return Arrays.copyOf(written.array(), written.position());
    }

    static byte[] decompress(CompressionType type, byte[] compressed) {
        Compression compression = of(type, CompressionLevels.defaultLevel(type));
        try (InputStream stream = compression.wrapForInput(ByteBuffer.wrap(compressed), MAGIC_V2, BufferSupplier.create())) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
