package io.brook.log;

/**
 * The settings a partition log runs with.
 *
 * @param segmentBytes a segment rolls when the next batch would take it past this size
 *     ({@code log.segment.bytes})
 * @param leaderEpoch the epoch stamped into every appended batch; a single node leads every
 *     partition forever, so it is a constant
 */
public record LogConfig(int segmentBytes, int leaderEpoch) {
    public LogConfig {
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes must be positive, not " + segmentBytes);
        }
    }
}
