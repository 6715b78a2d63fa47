package io.brook.log.append;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The record walk a produced batch gets: what it accepts, and the Kafka error for each way a record is malformed. */
class RecordsWalkTest {

    @Test
    void recordsWithKeysValuesNullsAndHeadersPass() {
        ByteBuf records = Unpooled.buffer();
        record(records, 0, "key", "value", new String[] {"h1", "v1", "h2", null});
        record(records, 1, null, "only a value", new String[0]);
        record(records, 2, "key", null, new String[] {"h", ""});
        assertNull(RecordsWalk.check(records, 3));
        assertEquals(0, records.readerIndex(), "the walk leaves the buffer as it was");
    }

    @Test
    void aBatchFromTheTestBuilderPasses() {
        ByteBuf batch = TestBatches.ofValues("a", "bb", "ccc");
        try {
            RecordBatchView view = new RecordBatchView().wrap(batch, 0);
            assertNull(RecordsWalk.check(batch.slice(RecordBatchView.RECORDS_OFFSET, batch.readableBytes() - RecordBatchView.RECORDS_OFFSET),
                    view.recordCount()));
        } finally {
            batch.release();
        }
    }

    @Test
    void offsetDeltasThatDoNotCountUpAreInvalidRecords() {
        ByteBuf records = Unpooled.buffer();
        record(records, 0, "k", "v", new String[0]);
        record(records, 2, "k", "v", new String[0]);
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(RecordsWalk.check(records, 2)));
    }

    @Test
    void fewerRecordsThanTheCountAreCorrupt() {
        ByteBuf records = Unpooled.buffer();
        record(records, 0, "k", "v", new String[0]);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(RecordsWalk.check(records, 2)));
    }

    @Test
    void bytesAfterTheLastRecordAreCorrupt() {
        ByteBuf records = Unpooled.buffer();
        record(records, 0, "k", "v", new String[0]);
        records.writeByte(0);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(RecordsWalk.check(records, 1)));
    }

    @Test
    void aRecordLengthThatDisagreesWithItsFieldsIsCorrupt() {
        ByteBuf longer = Unpooled.buffer();
        record(longer, 0, "k", "v", new String[0]);
        longer.setByte(0, longer.getByte(0) + 2);
        longer.writeZero(1);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(RecordsWalk.check(longer, 1)));

        ByteBuf pastTheEnd = Unpooled.buffer();
        record(pastTheEnd, 0, "k", "v", new String[0]);
        pastTheEnd.setByte(0, 0x7e);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(RecordsWalk.check(pastTheEnd, 1)));
    }

    @Test
    void negativeLengthsAndHeaderCountsAreCorrupt() {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(0);
        writeVarlong(body, 0);
        writeVarint(body, 0);
        writeVarint(body, -2);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(RecordsWalk.check(framed(body), 1)), "a key length below -1");

        ByteBuf headers = Unpooled.buffer();
        headers.writeByte(0);
        writeVarlong(headers, 0);
        writeVarint(headers, 0);
        writeVarint(headers, -1);
        writeVarint(headers, -1);
        writeVarint(headers, -1);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(RecordsWalk.check(framed(headers), 1)), "a negative header count");
    }

    @Test
    void garbageIsRefusedWithAKafkaErrorAndNeverThrows() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            BatchRejection rejection = RecordsWalk.check(Unpooled.wrappedBuffer(garbage), 1 + random.nextInt(5));
            if (rejection != null) {
                assertNotNull(rejection.message());
            }
        }
    }

    private static ErrorCode errorOf(BatchRejection rejection) {
        assertNotNull(rejection, "the records were accepted");
        return rejection.error();
    }

    /** Appends one record: {@code headers} alternate names and values (a null value is a null header value). */
    private static void record(ByteBuf records, int offsetDelta, String key, String value, String[] headers) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(0);
        writeVarlong(body, offsetDelta * 10L);
        writeVarint(body, offsetDelta);
        writeBytes(body, key);
        writeBytes(body, value);
        writeVarint(body, headers.length / 2);
        for (int i = 0; i < headers.length; i += 2) {
            writeBytes(body, headers[i]);
            writeBytes(body, headers[i + 1]);
        }
        writeVarint(records, body.readableBytes());
        records.writeBytes(body);
    }

    private static ByteBuf framed(ByteBuf body) {
        ByteBuf record = Unpooled.buffer();
        writeVarint(record, body.readableBytes());
        return record.writeBytes(body);
    }

    private static void writeBytes(ByteBuf target, String text) {
        if (text == null) {
            writeVarint(target, -1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeVarint(target, bytes.length);
        target.writeBytes(bytes);
    }

    private static void writeVarint(ByteBuf target, int value) {
        writeVarlong(target, value);
    }

    private static void writeVarlong(ByteBuf target, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            target.writeByte((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        target.writeByte((int) zigzag);
    }
}
