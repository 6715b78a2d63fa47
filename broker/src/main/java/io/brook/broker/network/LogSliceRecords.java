package io.brook.broker.network;

import io.brook.log.LogSlice;
import io.brook.protocol.wire.RecordSet;
import io.brook.protocol.wire.WireWriter;

/** Records of a fetch response that stay in their segment file: written as a zero-copy region. */
public final class LogSliceRecords implements RecordSet {
    private final LogSlice slice;

    public LogSliceRecords(LogSlice slice) {
        this.slice = slice;
    }

    @Override
    public int sizeInBytes() {
        return slice.sizeInBytes();
    }

    @Override
    public void writeTo(WireWriter writer) {
        writer.writeExternal(new SegmentFileRegion(slice.channel(), slice.position(), slice.sizeInBytes()), slice.sizeInBytes());
    }

    @Override
    public String toString() {
        return "LogSliceRecords(position=" + slice.position() + ", sizeInBytes=" + slice.sizeInBytes() + ")";
    }
}
