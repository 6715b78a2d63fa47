package io.brook.log;

/**
 * What a read of a partition found: batches from the one holding the requested offset (null when
 * the offset is the log end offset or out of range), and the log's bounds at the time of the read.
 */
public record LogReadResult(boolean offsetInRange, LogSlice slice, long logStartOffset, long logEndOffset) {
}
