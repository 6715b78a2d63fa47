package io.brook.compression;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The output of codec calls: a heap byte array that is reused from batch to batch and grows on
 * demand, during decompression never past the caller's limit. Each call replaces the contents;
 * the result is {@code array()[0 .. size())}, valid until the next call that writes to this
 * buffer.
 *
 * <p>Why one reusable array rather than a fresh one per batch: a compressed batch is decompressed
 * once on every produce, and the output is as large as the batch's records (Kafka's
 * {@code BufferSupplier} exists for the same reason). Why the growth is capped by the limit and
 * not by what the input claims: a declared length is attacker-controlled, the limit is not.
 *
 * <p>Not thread-safe: owned by one thread, like the {@link Codecs} it is used with.
 */
public final class CodecBuffer {

    /** The largest Java array the JVMs we run on will allocate (headroom for the array header). */
    public static final int MAX_CAPACITY_BYTES = Integer.MAX_VALUE - 8;

    /** A first array large enough for a typical batch (Kafka's batch.size default is 16 KiB). */
    private static final int DEFAULT_INITIAL_CAPACITY_BYTES = 64 * 1024;

    private byte[] array;
    private int size;
    /** A ByteBuffer over the whole array, for libraries that write through ByteBuffers; re-made when the array is. */
    private ByteBuffer arrayView;

    public CodecBuffer() {
        this(DEFAULT_INITIAL_CAPACITY_BYTES);
    }

    public CodecBuffer(int initialCapacityBytes) {
        if (initialCapacityBytes < 0 || initialCapacityBytes > MAX_CAPACITY_BYTES) {
            throw new IllegalArgumentException("initialCapacityBytes=" + initialCapacityBytes + " is outside 0.."
                    + MAX_CAPACITY_BYTES);
        }
        this.array = new byte[initialCapacityBytes];
        this.arrayView = ByteBuffer.wrap(array);
    }

    /** The backing array; the contents are its first {@link #size()} bytes. Replaced when the buffer grows. */
    public byte[] array() {
        return array;
    }

    /** How many bytes the last codec call wrote. */
    public int size() {
        return size;
    }

    public int capacityBytes() {
        return array.length;
    }

    /** A view of the contents (position 0, limit {@link #size()}); it shares the array, so it is stale after the next call. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(array, 0, size);
    }

    /** A copy of the contents, for callers that keep the bytes beyond the next call. */
    public byte[] toByteArray() {
        return Arrays.copyOf(array, size);
    }

    /**
     * Drops the array if it has grown past {@code maxRetainedBytes}, so that one unusually large
     * batch does not pin its memory to the thread forever. Empties the buffer.
     */
    public void trimTo(int maxRetainedBytes) {
        size = 0;
        if (array.length > maxRetainedBytes) {
            array = new byte[Math.max(0, maxRetainedBytes)];
            arrayView = ByteBuffer.wrap(array);
        }
    }

    /** Rejects a decompression limit no array can honour. */
    static void checkLimit(int maxOutputBytes) {
        if (maxOutputBytes < 0 || maxOutputBytes > MAX_CAPACITY_BYTES) {
            throw new IllegalArgumentException("maxOutputBytes=" + maxOutputBytes + " is outside 0.." + MAX_CAPACITY_BYTES);
        }
    }

    /**
     * The whole array as a ByteBuffer (arrayOffset 0, so buffer indexes are array indexes), valid
     * until the buffer next grows. Its position and limit are the caller's to set.
     */
    ByteBuffer arrayView() {
        return arrayView;
    }

    void clear() {
        size = 0;
    }

    void advance(int bytes) {
        assert bytes >= 0 && bytes <= array.length - size : "advance past the array: size=" + size + " bytes=" + bytes;
        size += bytes;
    }

    /** Appends one byte; used for headers, never per record. */
    void put(int value) {
        reserve(1);
        array[size++] = (byte) value;
    }

    void putIntLittleEndian(int value) {
        reserve(Integer.BYTES);
        array[size] = (byte) value;
        array[size + 1] = (byte) (value >>> 8);
        array[size + 2] = (byte) (value >>> 16);
        array[size + 3] = (byte) (value >>> 24);
        size += Integer.BYTES;
    }

    void putIntBigEndian(int value) {
        reserve(Integer.BYTES);
        array[size] = (byte) (value >>> 24);
        array[size + 1] = (byte) (value >>> 16);
        array[size + 2] = (byte) (value >>> 8);
        array[size + 3] = (byte) value;
        size += Integer.BYTES;
    }

    /** Makes room for {@code bytes} more with no limit but the JVM's: the compression side, where the input bounds the output. */
    void reserve(int bytes) {
        if (bytes > MAX_CAPACITY_BYTES - size) {
            throw new IllegalArgumentException("A codec output of more than " + MAX_CAPACITY_BYTES
                    + " bytes does not fit a Java array: size=" + size + " bytes=" + bytes);
        }
        growTo(size + bytes, MAX_CAPACITY_BYTES);
    }

    /**
     * Makes room for exactly {@code bytes} more, or throws if that would take the contents past
     * {@code limitBytes}: for codecs that know a block's decompressed length before producing it.
     */
    void reserveWithin(int bytes, int limitBytes, CompressionType type) throws DecompressedSizeLimitException {
        if (bytes > limitBytes - size) {
            throw new DecompressedSizeLimitException(type, limitBytes, "a block of " + bytes + " bytes follows "
                    + size + " bytes already decompressed");
        }
        growTo(size + bytes, limitBytes);
    }

    /**
     * Makes room for up to {@code wantedBytes} more without passing {@code limitBytes}, and returns
     * the room there is: for streaming decoders that learn the length only by producing it. Zero
     * means the contents are at the limit; the caller then checks whether the stream has more.
     */
    int reserveUpTo(int wantedBytes, int limitBytes) {
        int targetBytes = size + Math.min(wantedBytes, limitBytes - size);
        growTo(targetBytes, limitBytes);
        return Math.min(array.length, limitBytes) - size;
    }

    /** Grows to at least {@code minCapacityBytes}, doubling for amortised growth but never past {@code capBytes}. */
    private void growTo(int minCapacityBytes, int capBytes) {
        if (minCapacityBytes <= array.length) {
            return;
        }
        long doubledBytes = 2L * array.length;
        int newCapacityBytes = (int) Math.max(minCapacityBytes, Math.min(doubledBytes, capBytes));
        array = Arrays.copyOf(array, newCapacityBytes);
        arrayView = ByteBuffer.wrap(array);
    }
}
