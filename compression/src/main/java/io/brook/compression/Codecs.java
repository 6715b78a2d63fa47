package io.brook.compression;

import java.nio.ByteBuffer;

/**
 * One codec per Kafka compression id, for one thread. Codecs keep native state (zlib streams, a
 * zstd context) and scratch memory from batch to batch, so each thread that compresses or
 * decompresses (an append shard, say) creates its own set once and closes it when it stops.
 *
 * <p>Creating the set loads the native libraries (snappy, zstd, and lz4 where available), so a
 * platform without them fails at startup, not on the first compressed batch.
 *
 * <p>Not thread-safe: owned by the thread that created it.
 */
public final class Codecs implements AutoCloseable {

    private final BatchCodec[] byId;

    private Codecs(BatchCodec[] byId) {
        this.byId = byId;
    }

    public static Codecs create() {
        BatchCodec[] byId = new BatchCodec[CompressionType.values().length];
        try {
            byId[CompressionType.NONE.id()] = new NoneCodec();
            byId[CompressionType.GZIP.id()] = new GzipCodec();
            byId[CompressionType.SNAPPY.id()] = new SnappyCodec();
            byId[CompressionType.LZ4.id()] = new Lz4Codec();
            byId[CompressionType.ZSTD.id()] = new ZstdCodec();
            selfTest(byId);
        } catch (RuntimeException | Error e) {
            closeAll(byId);
            throw e;
        }
        return new Codecs(byId);
    }

    /** The codec for {@code type}. */
    public BatchCodec codec(CompressionType type) {
        return byId[type.id()];
    }

    @Override
    public void close() {
        closeAll(byId);
    }

    /** Compresses and decompresses a few bytes with each codec, which loads every native library now. */
    private static void selfTest(BatchCodec[] byId) {
        ByteBuffer sample = ByteBuffer.wrap(new byte[] {1, 2, 3});
        CodecBuffer compressed = new CodecBuffer(64);
        CodecBuffer decompressed = new CodecBuffer(64);
        for (BatchCodec codec : byId) {
            codec.compress(sample, CompressionLevels.defaultLevel(codec.type()), compressed);
            try {
                codec.decompress(compressed.asByteBuffer(), decompressed, sample.remaining());
            } catch (DecompressionException e) {
                throw new IllegalStateException("The " + codec.type().configName() + " codec cannot read its own output", e);
            }
        }
    }

    private static void closeAll(BatchCodec[] codecs) {
        for (BatchCodec codec : codecs) {
            if (codec != null) {
                codec.close();
            }
        }
    }
}
