package io.brook.log;

import io.brook.compression.CompressionLevels;
import io.brook.compression.TopicCompression;

/**
 * The settings one partition log runs with, resolved from the broker's defaults and its topic's
 * overrides (Kafka's topic-level names in brackets). Immutable; a topic config change gives its
 * logs a new one.
 *
 * @param segmentBytes a segment rolls when the next batch would take it past this size ({@code segment.bytes})
 * @param segmentMs a segment rolls when its first and newest batches are this far apart ({@code segment.ms})
 * @param segmentIndexBytes the preallocated size of each index file; a full index rolls the segment
 *     ({@code segment.index.bytes})
 * @param indexIntervalBytes bytes appended between index entries ({@code index.interval.bytes})
 * @param retentionMs segments whose newest record is older than this are deleted; -1 keeps them
 *     ({@code retention.ms})
 * @param retentionBytes the oldest segments are deleted while the partition is larger; -1 for no
 *     limit ({@code retention.bytes})
 * @param flushIntervalMessages unflushed records that trigger a flush ({@code flush.messages})
 * @param flushIntervalMs the longest data stays unflushed ({@code flush.ms})
 * @param fileDeleteDelayMs how long a deleted segment stays readable before its files go
 *     ({@code file.delete.delay.ms})
 * @param maxMessageBytes the largest batch a producer may send ({@code max.message.bytes})
 * @param timestampType whose clock stamps records ({@code message.timestamp.type})
 * @param timestampBeforeMaxMs how far a CreateTime timestamp may lie in the past
 *     ({@code message.timestamp.before.max.ms})
 * @param timestampAfterMaxMs how far a CreateTime timestamp may lie in the future
 *     ({@code message.timestamp.after.max.ms})
 * @param compression the codec batches are stored in, or the producer's ({@code compression.type})
 * @param compressionLevel the level batches recompressed to {@code compression}'s codec get
 *     ({@code compression.gzip.level}, {@code .lz4.level} or {@code .zstd.level})
 * @param leaderEpoch the epoch stamped into every appended batch; a single node leads every
 *     partition forever, so it is a constant
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        int segmentIndexBytes,
        int indexIntervalBytes,
        long retentionMs,
        long retentionBytes,
        long flushIntervalMessages,
        long flushIntervalMs,
        long fileDeleteDelayMs,
        int maxMessageBytes,
        TimestampType timestampType,
        long timestampBeforeMaxMs,
        long timestampAfterMaxMs,
        TopicCompression compression,
        int compressionLevel,
        int leaderEpoch) {

    public enum TimestampType {
        CREATE_TIME("CreateTime"), LOG_APPEND_TIME("LogAppendTime");

        private final String configValue;

        TimestampType(String configValue) {
            this.configValue = configValue;
        }

        /** The name Kafka's configs use. */
        public String configValue() {
            return configValue;
        }

        /** The type named {@code value} in a config, or null. */
        public static TimestampType forConfigValue(String value) {
            for (TimestampType type : values()) {
                if (type.configValue.equals(value)) {
                    return type;
                }
            }
            return null;
        }
    }

    public LogConfig {
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes must be positive, not " + segmentBytes);
        }
        if (segmentMs <= 0) {
            throw new IllegalArgumentException("segmentMs must be positive, not " + segmentMs);
        }
        if (segmentIndexBytes < OffsetIndex.ENTRY_BYTES * 4 || indexIntervalBytes < 0) {
            throw new IllegalArgumentException("index sizes out of range: " + segmentIndexBytes + ", " + indexIntervalBytes);
        }
        if (flushIntervalMessages <= 0 || flushIntervalMs < 0 || fileDeleteDelayMs < 0) {
            throw new IllegalArgumentException("flush or delete intervals out of range");
        }
        if (timestampType == null || compression == null) {
            throw new IllegalArgumentException("timestampType and compression are required");
        }
    }

    /**
     * Kafka's defaults, except the flush interval: Kafka never flushes by default because
     * replicas hold every acknowledged batch; a single node has none, so it flushes every second.
     */
    public static LogConfig defaults() {
        return new LogConfig(1024 * 1024 * 1024, 7 * 24 * 3_600_000L, 10 * 1024 * 1024, 4096,
                7 * 24 * 3_600_000L, -1, Long.MAX_VALUE, 1000, 60_000, 1_048_588,
                TimestampType.CREATE_TIME, Long.MAX_VALUE, 3_600_000L, TopicCompression.PRODUCER, CompressionLevels.NO_LEVEL, 0);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config, keeping the rest. */
    public static final class Builder {
        private int segmentBytes;
        private long segmentMs;
        private int segmentIndexBytes;
        private int indexIntervalBytes;
        private long retentionMs;
        private long retentionBytes;
        private long flushIntervalMessages;
        private long flushIntervalMs;
        private long fileDeleteDelayMs;
        private int maxMessageBytes;
        private TimestampType timestampType;
        private long timestampBeforeMaxMs;
        private long timestampAfterMaxMs;
        private TopicCompression compression;
        private int compressionLevel;
        private int leaderEpoch;

        private Builder(LogConfig from) {
            segmentBytes = from.segmentBytes;
            segmentMs = from.segmentMs;
            segmentIndexBytes = from.segmentIndexBytes;
            indexIntervalBytes = from.indexIntervalBytes;
            retentionMs = from.retentionMs;
            retentionBytes = from.retentionBytes;
            flushIntervalMessages = from.flushIntervalMessages;
            flushIntervalMs = from.flushIntervalMs;
            fileDeleteDelayMs = from.fileDeleteDelayMs;
            maxMessageBytes = from.maxMessageBytes;
            timestampType = from.timestampType;
            timestampBeforeMaxMs = from.timestampBeforeMaxMs;
            timestampAfterMaxMs = from.timestampAfterMaxMs;
            compression = from.compression;
            compressionLevel = from.compressionLevel;
            leaderEpoch = from.leaderEpoch;
        }

        public Builder segmentBytes(int value) {
            segmentBytes = value;
            return this;
        }

        public Builder segmentMs(long value) {
            segmentMs = value;
            return this;
        }

        public Builder segmentIndexBytes(int value) {
            segmentIndexBytes = value;
            return this;
        }

        public Builder indexIntervalBytes(int value) {
            indexIntervalBytes = value;
            return this;
        }

        public Builder retentionMs(long value) {
            retentionMs = value;
            return this;
        }

        public Builder retentionBytes(long value) {
            retentionBytes = value;
            return this;
        }

        public Builder flushIntervalMessages(long value) {
            flushIntervalMessages = value;
            return this;
        }

        public Builder flushIntervalMs(long value) {
            flushIntervalMs = value;
            return this;
        }

        public Builder fileDeleteDelayMs(long value) {
            fileDeleteDelayMs = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        public Builder timestampType(TimestampType value) {
            timestampType = value;
            return this;
        }

        public Builder timestampBeforeMaxMs(long value) {
            timestampBeforeMaxMs = value;
            return this;
        }

        public Builder timestampAfterMaxMs(long value) {
            timestampAfterMaxMs = value;
            return this;
        }

        public Builder compression(TopicCompression value, int level) {
            compression = value;
            compressionLevel = level;
            return this;
        }

        public Builder leaderEpoch(int value) {
            leaderEpoch = value;
            return this;
        }

        public LogConfig build() {
            return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs, retentionBytes,
                    flushIntervalMessages, flushIntervalMs, fileDeleteDelayMs, maxMessageBytes, timestampType,
                    timestampBeforeMaxMs, timestampAfterMaxMs, compression, compressionLevel, leaderEpoch);
        }
    }
}
