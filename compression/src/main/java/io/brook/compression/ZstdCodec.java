package io.brook.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdBufferDecompressingStreamNoFinalizer;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * zstd through zstd-jni: standard zstd frames, as Kafka's {@code ZstdCompression} writes and
 * reads them. Reading streams the frames (Kafka's producer writes them without a content size,
 * so the length is only learnt by decompressing) into the output in chunks, stopping at the
 * caller's limit; concatenated and skippable frames are read as zstd defines them.
 *
 * <p>The decoder's window is capped at 2^{@value #WINDOW_LOG_MAX} bytes (zstd's own default,
 * and so what Kafka's reader allows): a frame may not make the decoder reserve more native
 * memory than that. It cannot be lower: zstd at levels 20-22 declares windows of 2^25..2^27 even
 * for small inputs when, as in Kafka's producer, the input size is not known up front.
 *
 * <p>Writing compresses the whole batch in one call with a reused context, which also records the
 * content size in the frame header; any zstd reader, Kafka's included, reads it.
 *
 * <p>Not thread-safe: owns a native compression context and scratch for direct input.
 */
final class ZstdCodec implements BatchCodec {

    /** ZSTD_WINDOWLOG_LIMIT_DEFAULT: the largest window a zstd decoder accepts unless told otherwise. */
    static final int WINDOW_LOG_MAX = 27;
    /** Output asked of the decoder per call; zstd's blocks are at most 128 KiB. */
    private static final int CHUNK_BYTES = 128 * 1024;

    private final ZstdCompressCtx compressor = new ZstdCompressCtx();
    private final HeapInput input = new HeapInput();
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    @Override
    public CompressionType type() {
        return CompressionType.ZSTD;
    }

    @Override
    public void compress(ByteBuffer source, int level, CodecBuffer destination) {
        CompressionLevels.check(CompressionType.ZSTD, level);
        input.stage(source);
        try {
            long boundBytes = Zstd.compressBound(input.length());
            if (boundBytes > CodecBuffer.MAX_CAPACITY_BYTES) {
                throw new IllegalArgumentException("zstd output for " + input.length() + " bytes may not fit an array");
            }
            destination.clear();
            destination.reserve((int) boundBytes);
            compressor.setLevel(level);
            int compressedBytes = compressor.compressByteArray(destination.array(), 0, (int) boundBytes,
                    input.array(), input.offset(), input.length());
            destination.advance(compressedBytes);
        } finally {
            input.release();
        }
    }

    @Override
    public void decompress(ByteBuffer source, CodecBuffer destination, int maxOutputBytes) throws DecompressionException {
        CodecBuffer.checkLimit(maxOutputBytes);
        destination.clear();
        if (!source.hasRemaining()) {
            throw new CorruptCompressedDataException(CompressionType.ZSTD, "no bytes");
        }
        input.stage(source);
        // zstd-jni's heap stream indexes the array by buffer position and ignores arrayOffset, so
        // the buffer must be a plain wrap of the whole array (arrayOffset 0).
        ByteBuffer compressed = ByteBuffer.wrap(input.array(), input.offset(), input.length());
        try (ZstdBufferDecompressingStreamNoFinalizer stream = new ZstdBufferDecompressingStreamNoFinalizer(compressed)) {
            stream.setLongMax(WINDOW_LOG_MAX);
            readAll(stream, compressed, destination, maxOutputBytes);
        } catch (IOException | ZstdException e) {
            throw new CorruptCompressedDataException(CompressionType.ZSTD, e.getMessage(), e);
        } finally {
            input.release();
        }
    }

    /**
     * Pulls output until the stream is done. Every call must produce output or consume input; a
     * call that does neither with the input used up means the frame is cut short.
     */
    private void readAll(ZstdBufferDecompressingStreamNoFinalizer stream, ByteBuffer compressed, CodecBuffer out,
            int maxOutputBytes) throws IOException, DecompressionException {
        while (stream.hasRemaining()) {
            int consumedBefore = compressed.position();
            int roomBytes = out.reserveUpTo(CHUNK_BYTES, maxOutputBytes);
            int producedBytes;
            if (roomBytes == 0) {
                probe.clear();
                if (stream.read(probe) > 0) {
                    throw new DecompressedSizeLimitException(CompressionType.ZSTD, maxOutputBytes, "more data follows");
                }
                producedBytes = 0;
            } else {
                ByteBuffer target = out.arrayView();
                target.limit(out.size() + roomBytes).position(out.size());
                producedBytes = stream.read(target);
                out.advance(producedBytes);
            }
            if (producedBytes == 0 && compressed.position() == consumedBefore && stream.hasRemaining()) {
                throw new CorruptCompressedDataException(CompressionType.ZSTD,
                        compressed.hasRemaining() ? "no progress" : "truncated frame");
            }
        }
    }

    @Override
    public void close() {
        compressor.close();
    }
}
