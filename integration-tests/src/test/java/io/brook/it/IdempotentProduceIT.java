package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.InitProducerIdResponse;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.protocol.wire.ByteBufRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 5: a raw client resends batches with the same producer id, epoch and sequence; the
 * broker answers with the original offset and stores the batch once. Gaps and old epochs get
 * Kafka's errors.
 */
class IdempotentProduceIT {
    private static final short PRODUCE_VERSION = 9;
    private static final short ACKS_ALL = -1;
    private static final String TOPIC = "idempotent";

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension();

    private WireClient client;
    private long producerId;

    @BeforeEach
    void connectAndGetProducerId() throws Exception {
        client = new WireClient(broker.port());
        InitProducerIdResponse init = client.call(ApiKey.INIT_PRODUCER_ID, (short) 4, Requests.initProducerId(), InitProducerIdResponse.class);
        assertEquals(ErrorCode.NONE.code(), init.errorCode());
        assertEquals(0, init.producerEpoch());
        producerId = init.producerId();
    }

    @Test
    void retriedBatchGetsItsOriginalOffsetAndIsStoredOnce() throws Exception {
        assertAppendedAt(0, produce((short) 0, 0, 3));
        assertAppendedAt(3, produce((short) 0, 3, 2));
        assertAppendedAt(0, produce((short) 0, 0, 3));
        assertAppendedAt(3, produce((short) 0, 3, 2));
        assertEquals(5, latestOffset());
        assertEquals(2, storedBatchCount(), "the retried batches must not be stored again");
    }

    @Test
    void sequenceGapIsOutOfOrder() throws Exception {
        assertAppendedAt(0, produce((short) 0, 0, 3));
        PartitionProduceResponse gap = produce((short) 0, 5, 1);
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER.code(), gap.errorCode());
        assertEquals(3, latestOffset());
    }

    @Test
    void olderEpochIsFencedAndNewEpochStartsAtZero() throws Exception {
        assertAppendedAt(0, produce((short) 0, 0, 2));
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER.code(), produce((short) 1, 2, 1).errorCode());
        assertAppendedAt(2, produce((short) 1, 0, 1));
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH.code(), produce((short) 0, 2, 1).errorCode());
        assertEquals(3, latestOffset());
    }

    private PartitionProduceResponse produce(short epoch, int baseSequence, int count) throws Exception {
        ByteBufRecords batch = TestBatches.idempotent(producerId, epoch, baseSequence, count);
        ProduceResponse response = client.call(ApiKey.PRODUCE, PRODUCE_VERSION, Requests.produce(TOPIC, 0, ACKS_ALL, batch), ProduceResponse.class);
        return response.responses().get(0).partitionResponses().get(0);
    }

    private static void assertAppendedAt(long offset, PartitionProduceResponse response) {
        assertEquals(ErrorCode.NONE.code(), response.errorCode(), "error code");
        assertEquals(offset, response.baseOffset(), "base offset");
    }

    private long latestOffset() throws Exception {
        ListOffsetsResponse response = client.call(ApiKey.LIST_OFFSETS, (short) 7, Requests.listOffsets(TOPIC, 0, Requests.LATEST), ListOffsetsResponse.class);
        return response.topics().get(0).partitions().get(0).offset();
    }

    private int storedBatchCount() throws Exception {
        FetchResponse response = client.call(ApiKey.FETCH, (short) 12, Requests.fetch(TOPIC, 0, 0), FetchResponse.class);
        ByteBufRecords records = (ByteBufRecords) response.responses().get(0).partitions().get(0).records();
        int batches = 0;
        for (RecordBatch ignored : MemoryRecords.readableRecords(records.buffer().nioBuffer()).batches()) {
            batches++;
        }
        return batches;
    }
}
