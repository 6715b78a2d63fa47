package io.brook.compression;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * gzip, as Kafka's {@code GzipCompression}: one gzip member written by the JDK's zlib; reading
 * accepts any valid member and concatenated members, like {@code GZIPInputStream}. The framing is
 * {@link GzipMember}'s; this class runs the deflate stream through a reused zlib
 * {@link Inflater}/{@link Deflater} instead of a pair of JDK streams per batch.
 *
 * <p>Stricter than {@code GZIPInputStream} in one way: bytes after the last member must be
 * another complete member. The JDK quietly ignores trailing bytes that do not start one; a
 * producer never writes them, and a batch whose bytes mean different things to different readers
 * is not one to store.
 *
 * <p>Not thread-safe: owns a zlib inflate and deflate stream.
 */
final class GzipCodec implements BatchCodec {

    /** Output asked of zlib per call: big enough that a 1 MiB batch takes a handful of calls. */
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];

    private final Inflater inflater = new Inflater(true);
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private final byte[] probe = new byte[1];

    @Override
    public CompressionType type() {
        return CompressionType.GZIP;
    }

    @Override
    public void compress(ByteBuffer source, int level, CodecBuffer destination) {
        CompressionLevels.check(CompressionType.GZIP, level);
        destination.clear();
        GzipMember.writeHeader(destination);
        crc.reset();
        crc.update(source.duplicate());
        deflater.reset();
        deflater.setLevel(level);
        deflater.setInput(source.duplicate());
        deflater.finish();
        try {
            while (!deflater.finished()) {
                int room = destination.reserveUpTo(CHUNK_BYTES, CodecBuffer.MAX_CAPACITY_BYTES);
                destination.advance(deflater.deflate(destination.array(), destination.size(), room));
            }
        } finally {
            deflater.setInput(NO_BYTES);
        }
        GzipMember.writeTrailer(destination, (int) crc.getValue(), source.remaining());
    }

    @Override
    public void decompress(ByteBuffer source, CodecBuffer destination, int maxOutputBytes) throws DecompressionException {
        CodecBuffer.checkLimit(maxOutputBytes);
        destination.clear();
        ByteBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int position = in.position();
        int end = in.limit();
        if (position == end) {
            throw new CorruptCompressedDataException(CompressionType.GZIP, "no bytes");
        }
        try {
            // Each pass reads one member and consumes at least its fixed header, so the loop ends.
            while (position < end) {
                int deflateStart = GzipMember.readHeader(in, position, end, crc);
                int memberStart = destination.size();
                int deflateEnd = inflateMember(in, deflateStart, end, destination, maxOutputBytes);
                GzipMember.checkTrailer(in, deflateEnd, end, destination, memberStart, crc);
                position = deflateEnd + GzipMember.TRAILER_BYTES;
            }
        } finally {
            inflater.setInput(NO_BYTES);
        }
    }

    /** Inflates the deflate stream starting at {@code start}; returns where it ended. */
    private int inflateMember(ByteBuffer in, int start, int end, CodecBuffer out, int maxOutputBytes)
            throws DecompressionException {
        inflater.reset();
        inflater.setInput(in.duplicate().position(start).limit(end));
        try {
            while (!inflater.finished()) {
                int room = out.reserveUpTo(CHUNK_BYTES, maxOutputBytes);
                if (room == 0) {
                    probePastLimit(maxOutputBytes);
                    continue;
                }
                long readBefore = inflater.getBytesRead();
                int produced = inflater.inflate(out.array(), out.size(), room);
                out.advance(produced);
                if (produced == 0) {
                    checkProgress(readBefore);
                }
            }
        } catch (DataFormatException e) {
            throw new CorruptCompressedDataException(CompressionType.GZIP, "invalid deflate stream: " + e.getMessage(), e);
        }
        // getBytesRead counts input since reset(), which is this member's deflate stream only.
        return start + (int) inflater.getBytesRead();
    }

    /**
     * At the limit with the stream unfinished: one more byte of output means the data is too
     * large; none means the stream was only its end-of-block marker (then it is finished) or is
     * cut short.
     */
    private void probePastLimit(int maxOutputBytes) throws DecompressionException, DataFormatException {
        long readBefore = inflater.getBytesRead();
        if (inflater.inflate(probe, 0, probe.length) > 0) {
            throw new DecompressedSizeLimitException(CompressionType.GZIP, maxOutputBytes, "more data follows");
        }
        checkProgress(readBefore);
    }

    /** A call that produced nothing must have finished, consumed input, or be stuck on input that is not there. */
    private void checkProgress(long readBefore) throws CorruptCompressedDataException {
        if (inflater.finished()) {
            return;
        }
        if (inflater.needsInput()) {
            throw new CorruptCompressedDataException(CompressionType.GZIP, "truncated deflate stream");
        }
        if (inflater.needsDictionary()) {
            throw new CorruptCompressedDataException(CompressionType.GZIP, "deflate stream asks for a preset dictionary");
        }
        if (inflater.getBytesRead() == readBefore) {
            throw new CorruptCompressedDataException(CompressionType.GZIP, "deflate stream makes no progress");
        }
    }

    @Override
    public void close() {
        inflater.end();
        deflater.end();
    }
}
