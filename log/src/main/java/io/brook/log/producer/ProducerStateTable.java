package io.brook.log.producer;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import java.util.HashMap;
import java.util.Map;

/**
 * The idempotent producers one partition has seen, with Kafka's rules for their batches
 * (ProducerAppendInfo): an older epoch is fenced (INVALID_PRODUCER_EPOCH); a newer epoch must start
 * at sequence 0; within an epoch each batch must start right after the previous one
 * (OUT_OF_ORDER_SEQUENCE_NUMBER otherwise), except that a batch equal to one of the last five is a
 * retry and gets its original offset back. A producer the partition has no state for may start at
 * any sequence, as after its state expired.
 *
 * <p>Not thread-safe: owned by the partition's append thread.
 */
public final class ProducerStateTable {
    private final Map<Long, ProducerEntry> producers = new HashMap<>();

    /** The first offset the same batch was stored at, if {@code batch} is a retry of a retained batch; else -1. */
    public long findDuplicate(RecordBatchView batch) {
        ProducerEntry entry = producers.get(batch.producerId());
        if (entry == null || entry.epoch() != batch.producerEpoch()) {
            return -1;
        }
        return entry.findDuplicate(batch.baseSequence(), batch.lastSequence());
    }

    /** NONE when {@code batch} may be appended after the producer's previous batches, else Kafka's error. */
    public ErrorCode checkSequence(RecordBatchView batch) {
        ProducerEntry entry = producers.get(batch.producerId());
        if (entry == null) {
            return ErrorCode.NONE;
        }
        short epoch = batch.producerEpoch();
        if (epoch < entry.epoch()) {
            return ErrorCode.INVALID_PRODUCER_EPOCH;
        }
        if (epoch > entry.epoch()) {
            return batch.baseSequence() == 0 ? ErrorCode.NONE : ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
        if (!entry.hasBatches()) {
            return ErrorCode.NONE;
        }
        int expected = RecordBatchView.nextSequence(entry.lastSequence(), 1);
        return batch.baseSequence() == expected ? ErrorCode.NONE : ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;
    }

    /** The sequence the producer's next batch must start with, for error messages; -1 if unknown. */
    public int expectedSequence(long producerId) {
        ProducerEntry entry = producers.get(producerId);
        if (entry == null || !entry.hasBatches()) {
            return -1;
        }
        return RecordBatchView.nextSequence(entry.lastSequence(), 1);
    }

    /** The epoch the partition knows for the producer, for error messages; -1 if unknown. */
    public short currentEpoch(long producerId) {
        ProducerEntry entry = producers.get(producerId);
        return entry == null ? RecordBatchView.NO_PRODUCER_EPOCH : entry.epoch();
    }

    /** Records a batch that was just appended (its base offset assigned) or found during recovery. */
    public void replay(RecordBatchView batch) {
        if (!batch.hasProducerId()) {
            return;
        }
        ProducerEntry entry = producers.get(batch.producerId());
        if (entry == null) {
            entry = new ProducerEntry(batch.producerEpoch());
            producers.put(batch.producerId(), entry);
        } else if (batch.producerEpoch() != entry.epoch()) {
            entry.startEpoch(batch.producerEpoch());
        }
        entry.addBatch(batch.baseSequence(), batch.lastSequence(), batch.baseOffset());
    }

    /** The producers, for snapshots. */
    Map<Long, ProducerEntry> entries() {
        return producers;
    }

    void put(long producerId, ProducerEntry entry) {
        producers.put(producerId, entry);
    }

    public int producerCount() {
        return producers.size();
    }
}
