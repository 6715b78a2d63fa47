package io.brook.log.append;

import io.brook.compression.CodecBuffer;
import io.brook.compression.Codecs;
import io.brook.compression.CompressionType;
import io.brook.compression.DecompressedSizeLimitException;
import io.brook.compression.DecompressionException;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Reads and rewrites the records of compressed batches with the thread's own codecs: decompresses
 * them, never past a limit, so that they can be walked like an uncompressed batch's, and
 * recompresses a batch into its topic's codec. Codecs keep state between batches and are not
 * thread-safe, so each thread that handles batches has its own; the buffers are cut back after a
 * large batch so that a thread does not keep a batch-sized buffer for good.
 */
public final class CompressedRecords {
    private static final ThreadLocal<CompressedRecords> PER_THREAD = ThreadLocal.withInitial(CompressedRecords::new);
    /** What a thread keeps of its output buffer between batches. */
    private static final int RETAINED_BUFFER_BYTES = 1 << 20;
    /** Bits 0-2 of the attributes: the batch's codec. */
    private static final int COMPRESSION_BITS = 0x07;

    private final Codecs codecs = Codecs.create();
    private final CodecBuffer decompressed = new CodecBuffer();
    private final CodecBuffer recompressed = new CodecBuffer();

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
            return Outcome.rejected(tooLargeRejection(tooLarge));
        } catch (DecompressionException corrupt) {
            return Outcome.rejected(corruptRejection(type, corrupt));
        } finally {
            decompressed.trimTo(RETAINED_BUFFER_BYTES);
        }
    }

    private static BatchRejection tooLargeRejection(DecompressedSizeLimitException tooLarge) {
        return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "The batch's records decompress past the "
                + tooLarge.limitBytes() + " bytes this broker allows.");
    }

    private static BatchRejection corruptRejection(CompressionType type, DecompressionException corrupt) {
        return new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                "The batch's records are not valid " + type.configName() + " data: " + corrupt.getMessage());
    }

    /**
     * A copy of {@code batch} (a whole, validated batch at its reader index) whose records are
     * compressed with {@code target} at {@code level} instead, allocated from {@code allocator}:
     * same header but for the codec bits, the length and the CRC. Rejected like {@link #read} when
     * the records cannot be decompressed within {@code maxDecompressedBytes}.
     */
    public Outcome<ByteBuf> recompress(ByteBuf batch, CompressionType target, int level, ByteBufAllocator allocator,
                                       int maxDecompressedBytes) {
        int start = batch.readerIndex();
        RecordBatchView view = new RecordBatchView().wrap(batch, start);
        ByteBuf body = batch.slice(start + RecordBatchView.RECORDS_OFFSET, view.sizeInBytes() - RecordBatchView.RECORDS_OFFSET);
        CompressionType source = CompressionType.forId(view.compressionId());
        try {
            ByteBuffer plain = body.nioBuffer();
            if (source != CompressionType.NONE) {
                codecs.codec(source).decompress(plain, decompressed, maxDecompressedBytes);
                plain = decompressed.asByteBuffer();
            }
            ByteBuffer stored = plain;
            if (target != CompressionType.NONE) {
                codecs.codec(target).compress(plain, level, recompressed);
                stored = recompressed.asByteBuffer();
            }
            ByteBuf rewritten = allocator.buffer(RecordBatchView.RECORDS_OFFSET + stored.remaining());
            rewritten.writeBytes(batch, start, RecordBatchView.RECORDS_OFFSET).writeBytes(stored);
            // Length, attributes and CRC are the header fields that describe the records' bytes.
            rewritten.setInt(RecordBatchView.BATCH_LENGTH_OFFSET, rewritten.readableBytes() - RecordBatchView.LOG_OVERHEAD);
            rewritten.setShort(RecordBatchView.ATTRIBUTES_OFFSET, (view.attributes() & ~COMPRESSION_BITS) | target.id());
            rewritten.setInt(RecordBatchView.CRC_OFFSET, (int) new RecordBatchView().wrap(rewritten, 0).computeChecksum());
            return Outcome.of(rewritten);
        } catch (DecompressedSizeLimitException tooLarge) {
            return Outcome.rejected(tooLargeRejection(tooLarge));
        } catch (DecompressionException corrupt) {
            return Outcome.rejected(corruptRejection(source, corrupt));
        } finally {
            decompressed.trimTo(RETAINED_BUFFER_BYTES);
            recompressed.trimTo(RETAINED_BUFFER_BYTES);
        }
    }

    /** Reads decompressed records. */
    @FunctionalInterface
    public interface RecordsReader<T> {
        T read(ByteBuf records);
    }

    /** What a read gave: the reader's result, or why the records could not be read. */
    public record Outcome<T>(T result, BatchRejection rejection) {
        public static <T> Outcome<T> of(T result) {
            return new Outcome<>(result, null);
        }

        static <T> Outcome<T> rejected(BatchRejection rejection) {
            return new Outcome<>(null, rejection);
        }
    }
}
