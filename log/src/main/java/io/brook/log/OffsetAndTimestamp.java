package io.brook.log;

/** A record's offset and timestamp, as ListOffsets reports them. */
public record OffsetAndTimestamp(long offset, long timestamp) {
}
