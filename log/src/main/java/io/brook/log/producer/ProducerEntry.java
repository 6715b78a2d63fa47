package io.brook.log.producer;

/**
 * What one partition remembers of one idempotent producer: its epoch and the sequence ranges and
 * first offsets of its last {@value #BATCHES_RETAINED} batches, so that a retried batch is
 * recognised and answered with the offset it got the first time.
 *
 * <p>Not thread-safe: owned by the partition's append thread.
 */
final class ProducerEntry {
    /**
     * Kafka keeps five (ProducerStateEntry.NUM_BATCHES_TO_RETAIN) because a producer has at most
     * five batches in flight per partition when idempotence is on.
     */
    static final int BATCHES_RETAINED = 5;

    private final int[] firstSequences = new int[BATCHES_RETAINED];
    private final int[] lastSequences = new int[BATCHES_RETAINED];
    private final long[] firstOffsets = new long[BATCHES_RETAINED];
    private short epoch;
    /** Batches held, up to BATCHES_RETAINED. */
    private int batchCount;
    /** Slot of the most recent batch. */
    private int newest = -1;

    ProducerEntry(short epoch) {
        this.epoch = epoch;
    }

    short epoch() {
        return epoch;
    }

    /** Starts a new epoch: the batches of older epochs can no longer be duplicates. */
    void startEpoch(short newEpoch) {
        epoch = newEpoch;
        batchCount = 0;
        newest = -1;
    }

    boolean hasBatches() {
        return batchCount > 0;
    }

    /** The sequence of the last record of the newest batch; call only when {@link #hasBatches()}. */
    int lastSequence() {
        return lastSequences[newest];
    }

    /** The first offset of a retained batch with exactly this sequence range, or -1. */
    long findDuplicate(int firstSequence, int lastSequence) {
        for (int i = 0; i < batchCount; i++) {
            if (firstSequences[i] == firstSequence && lastSequences[i] == lastSequence) {
                return firstOffsets[i];
            }
        }
        return -1;
    }

    int batchCount() {
        return batchCount;
    }

    /** The {@code age}-th retained batch, oldest first: 0 is the oldest. */
    private int slotOf(int age) {
        return Math.floorMod(newest - batchCount + 1 + age, BATCHES_RETAINED);
    }

    int firstSequenceOf(int age) {
        return firstSequences[slotOf(age)];
    }

    int lastSequenceOf(int age) {
        return lastSequences[slotOf(age)];
    }

    long firstOffsetOf(int age) {
        return firstOffsets[slotOf(age)];
    }

    void addBatch(int firstSequence, int lastSequence, long firstOffset) {
        newest = (newest + 1) % BATCHES_RETAINED;
        firstSequences[newest] = firstSequence;
        lastSequences[newest] = lastSequence;
        firstOffsets[newest] = firstOffset;
        batchCount = Math.min(batchCount + 1, BATCHES_RETAINED);
    }
}
