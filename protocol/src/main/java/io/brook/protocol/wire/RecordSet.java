package io.brook.protocol.wire;

/**
 * The value of a {@code records} field: record batches exactly as they travel on the wire. Where
 * the bytes live is up to the implementation (a slice of a request frame, a region of a segment
 * file), so a fetch response can send segment data without copying it.
 */
public interface RecordSet {
    int sizeInBytes();

    /** Writes exactly {@link #sizeInBytes()} bytes, inline or as an external region. */
    void writeTo(WireWriter writer);
}
