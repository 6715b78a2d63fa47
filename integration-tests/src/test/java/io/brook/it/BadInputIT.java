package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.wire.ByteBufRecords;
import io.brook.protocol.record.RecordBatchView;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 8: bad input gets Kafka's error code or a clean close of that connection only; a
 * healthy client on another connection keeps working; nothing from the bad input reaches the log.
 */
class BadInputIT {
    private static final String TOPIC = "healthy";
    private static final short PRODUCE_VERSION = 9;
    private static final int SOCKET_REQUEST_MAX_BYTES = 1 << 20;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension()
            .with("socket.request.max.bytes", Integer.toString(SOCKET_REQUEST_MAX_BYTES));

    private WireClient healthy;
    private long healthyRecords;

    @BeforeEach
    void startHealthyClient() throws Exception {
        healthy = new WireClient(broker.port());
        produceHealthyRecord();
    }

    @AfterEach
    void healthyClientStillWorksAndTheLogHoldsOnlyItsRecords() throws Exception {
        produceHealthyRecord();
        ListOffsetsResponse offsets = healthy.call(ApiKey.LIST_OFFSETS, (short) 7,
                Requests.listOffsets(TOPIC, 0, Requests.LATEST), ListOffsetsResponse.class);
        assertEquals(healthyRecords, offsets.topics().get(0).partitions().get(0).offset(),
                "the log holds exactly the healthy client's records");
        healthy.close();
    }

    @Test
    void negativeFrameLengthClosesTheConnection() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(4).putInt(-5).array());
    }

    @Test
    void oversizedFrameLengthClosesTheConnection() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(4).putInt(SOCKET_REQUEST_MAX_BYTES + 1).array());
    }

    @Test
    void frameTooShortForAHeaderClosesTheConnection() throws Exception {
        assertClosedAfter(new byte[] {0, 0, 0, 3, 0, 3, 0});
    }

    @Test
    void truncatedRequestBodyClosesTheConnection() throws Exception {
        byte[] frame = WireClient.frame(ApiKey.METADATA, (short) 12, 1, Requests.metadata(TOPIC));
        byte[] truncated = Arrays.copyOf(frame, frame.length - 3);
        ByteBuffer.wrap(truncated).putInt(truncated.length - 4);
        assertClosedAfter(truncated);
    }

    @Test
    void frameCutOffMidwayIsDiscardedWhenTheClientGoesAway() throws Exception {
        byte[] frame = WireClient.frame(ApiKey.PRODUCE, PRODUCE_VERSION, 1, Requests.produce(TOPIC, 0, (short) 1, TestBatches.plain(5)));
        try (WireClient bad = new WireClient(broker.port())) {
            bad.sendRaw(Arrays.copyOf(frame, frame.length / 2));
        }
    }

    @Test
    void randomGarbageClosesTheConnection() throws Exception {
        Random random = new Random(20261121L);
        for (int attempt = 0; attempt < 20; attempt++) {
            byte[] garbage = new byte[64];
            random.nextBytes(garbage);
            // A small positive size makes the garbage a complete frame: the header or body must then fail.
            ByteBuffer.wrap(garbage).putInt(garbage.length - 4);
            assertClosedAfter(garbage);
        }
    }

    @Test
    void unknownApiKeyClosesTheConnection() throws Exception {
        byte[] frame = WireClient.frame(ApiKey.METADATA, (short) 1, 1, Requests.metadata(TOPIC));
        ByteBuffer.wrap(frame).putShort(4, (short) 9_999);
        assertClosedAfter(frame);
    }

    @Test
    void produceBatchWithBadCrcGetsCorruptMessage() throws Exception {
        ByteBufRecords batch = TestBatches.plain(3);
        int lastByte = batch.buffer().writerIndex() - 1;
        batch.buffer().setByte(lastByte, batch.buffer().getByte(lastByte) ^ 0x5a);
        assertEquals(false, new RecordBatchView().wrap(batch.buffer(), 0).isChecksumValid());
        try (WireClient bad = new WireClient(broker.port())) {
            ProduceResponse response = bad.call(ApiKey.PRODUCE, PRODUCE_VERSION, Requests.produce(TOPIC, 0, (short) 1, batch), ProduceResponse.class);
            assertEquals(ErrorCode.CORRUPT_MESSAGE.code(), response.responses().get(0).partitionResponses().get(0).errorCode());
        }
    }

    @Test
    void badCrcWithAcksZeroClosesTheConnection() throws Exception {
        ByteBufRecords batch = TestBatches.plain(3);
        int lastByte = batch.buffer().writerIndex() - 1;
        batch.buffer().setByte(lastByte, batch.buffer().getByte(lastByte) ^ 0x5a);
        assertClosedAfter(WireClient.frame(ApiKey.PRODUCE, PRODUCE_VERSION, 1, Requests.produce(TOPIC, 0, (short) 0, batch)));
    }

    private void assertClosedAfter(byte[] bytes) throws Exception {
        try (WireClient bad = new WireClient(broker.port())) {
            bad.sendRaw(bytes);
            assertTrue(bad.isClosedByBroker(), "the broker should close a connection that sent bad input");
        }
        MetadataResponse metadata = healthy.call(ApiKey.METADATA, (short) 12, Requests.metadata(TOPIC), MetadataResponse.class);
        assertEquals(ErrorCode.NONE.code(), metadata.topics().get(0).errorCode());
    }

    private void produceHealthyRecord() throws Exception {
        ProduceResponse response = healthy.call(ApiKey.PRODUCE, PRODUCE_VERSION,
                Requests.produce(TOPIC, 0, (short) 1, TestBatches.plain(1)), ProduceResponse.class);
        assertEquals(ErrorCode.NONE.code(), response.responses().get(0).partitionResponses().get(0).errorCode());
        assertEquals(healthyRecords, response.responses().get(0).partitionResponses().get(0).baseOffset());
        healthyRecords++;
    }
}
