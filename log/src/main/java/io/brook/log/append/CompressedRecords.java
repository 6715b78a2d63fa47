package io.brook.log.append;

import io.brook.compression.CodecBuffer;
import io.brook.compression.Codecs;
import io.brook.compression.CompressionType;
import io.brook.compression.DecompressedSizeLimitException;
import io.brook.compression.DecompressionException;
import io.brook.protocol.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Decompresses a compressed batch's records, never past a limit, so that they can be walked like
 * an uncompressed batch's. Codecs keep state between batches and are not thread-safe, so each
 * thread that checks batches has its own; the output buffer is cut back after a large batch so that
 * a thread does not keep a batch-sized buffer for good.
 */
public final class CompressedRecords {
    private static final ThreadLocal<CompressedRecords> PER_THREAD = ThreadLocal.withInitial(CompressedRecords::new);
    /** What a thread keeps of its output buffer between batches. */
    private static final int RETAINED_BUFFER_BYTES = 1 << 20;

    private final Codecs codecs = Codecs.create();
    private final CodecBuffer decompressed = new CodecBuffer();

    private CompressedRecords() {
    }

    /** This thread's decompressor. */
    public static CompressedRecords forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Decompresses {@code compressed} (the bytes after a batch header) with {@code type}'s codec
     * and hands the records to {@code reader}; a payload that is not valid {@code type} data, or
     * that would decompress past {@code maxDecompressedBytes}, is CORRUPT_MESSAGE without being
     * expanded. The buffer given to {@code reader} is valid during the call only.
     */
    public <T> Outcome<T> read(ByteBuf compressed, CompressionType type, int maxDecompressedBytes, RecordsReader<T> reader) {
        try {
            codecs.codec(type).decompress(compressed.nioBuffer(), decompressed, maxDecompressedBytes);
            return Outcome.of(reader.read(Unpooled.wrappedBuffer(decompressed.array(), 0, decompressed.size())));
        } catch (DecompressedSizeLimitException tooLarge) {
            return Outcome.rejected(new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "The batch's records decompress past the "
                    + tooLarge.limitBytes() + " bytes this broker allows."));
        } catch (DecompressionException corrupt) {
            return Outcome.rejected(new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                    "The batch's records are not valid " + type.configName() + " data: " + corrupt.getMessage()));
        } finally {
            decompressed.trimTo(RETAINED_BUFFER_BYTES);
        }
    }

    /** Reads decompressed records. */
    @FunctionalInterface
    public interface RecordsReader<T> {
        T read(ByteBuf records);
    }

    /** What a read gave: the reader's result, or why the records could not be read. */
    public record Outcome<T>(T result, BatchRejection rejection) {
        static <T> Outcome<T> of(T result) {
            return new Outcome<>(result, null);
        }

        static <T> Outcome<T> rejected(BatchRejection rejection) {
            return new Outcome<>(null, rejection);
        }
    }
}
