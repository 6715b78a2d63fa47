package io.brook.log.append;

import io.brook.compression.CompressionType;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;

/**
 * Checks record batches at the edge, before they reach a log, with Kafka's error codes: a produce
 * request carries exactly one batch per partition, of magic 2, within {@code message.max.bytes},
 * with a matching CRC-32C, a zero base offset, a record count that agrees with its offset range,
 * and no control or transactional flags (this broker has no transactions). Then, as Kafka's broker
 * does, every record is walked ({@link RecordsWalk}), a compressed batch's after decompressing
 * them, never past the broker's limit ({@link CompressedRecords}). The header checks run again on
 * every stored batch during recovery.
 */
public final class BatchValidator {
    private BatchValidator() {
    }

    /**
     * Validates the records of one partition of a produce request. Returns null when the batch may
     * be appended. {@code view} is scratch space, re-pointed at the batch.
     */
    public static BatchRejection validateProduced(ByteBuf records, int maxMessageBytes, int maxDecompressedBytes, RecordBatchView view) {
        int size = records.readableBytes();
        if (size < RecordBatchView.RECORD_BATCH_OVERHEAD) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                    "The records are " + size + " bytes, shorter than a record batch header.");
        }
        view.wrap(records, records.readerIndex());
        if (view.magic() != RecordBatchView.MAGIC_V2) {
            return new BatchRejection(ErrorCode.INVALID_RECORD,
                    "Produce requests must carry record batches of magic 2, not magic " + view.magic() + ".");
        }
        // Compared as a length after the length field: LOG_OVERHEAD + batchLength overflows an int
        // for a claimed length near Integer.MAX_VALUE and would pass as a short batch.
        if (view.batchLength() < RecordBatchView.RECORD_BATCH_OVERHEAD - RecordBatchView.LOG_OVERHEAD
                || view.batchLength() > size - RecordBatchView.LOG_OVERHEAD) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                    "The batch claims " + view.batchLength() + " bytes after its length field but " + size + " bytes arrived.");
        }
        int batchSize = view.sizeInBytes();
        if (batchSize < size) {
            return new BatchRejection(ErrorCode.INVALID_RECORD,
                    "A produce request must carry exactly one record batch per partition.");
        }
        if (batchSize > maxMessageBytes) {
            return new BatchRejection(ErrorCode.MESSAGE_TOO_LARGE,
                    "The batch is " + batchSize + " bytes, more than the " + maxMessageBytes + " bytes allowed.");
        }
        if (!view.isChecksumValid()) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                    "The batch's CRC is " + view.checksum() + " but its contents give " + view.computeChecksum() + ".");
        }
        if (view.baseOffset() != 0) {
            return new BatchRejection(ErrorCode.INVALID_RECORD,
                    "A produced batch must have base offset 0, not " + view.baseOffset() + ".");
        }
        BatchRejection headerRejection = validateHeaderFields(view);
        if (headerRejection != null) {
            return headerRejection;
        }
        ByteBuf body = records.slice(records.readerIndex() + RecordBatchView.RECORDS_OFFSET, size - RecordBatchView.RECORDS_OFFSET);
        int recordCount = view.recordCount();
        CompressionType type = CompressionType.forId(view.compressionId());
        if (type == CompressionType.NONE) {
            return RecordsWalk.check(body, recordCount);
        }
        CompressedRecords.Outcome<BatchRejection> walked = CompressedRecords.forThisThread()
                .read(body, type, maxDecompressedBytes, decompressed -> RecordsWalk.check(decompressed, recordCount));
        return walked.rejection() != null ? walked.rejection() : walked.result();
    }

    /** The header checks that also hold for stored batches (whose base offsets are assigned); null when valid. */
    public static BatchRejection validateStoredHeader(RecordBatchView view) {
        if (view.magic() != RecordBatchView.MAGIC_V2) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Stored batch has magic " + view.magic() + ".");
        }
        if (view.lastOffsetDelta() < 0) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Stored batch has a negative offset range.");
        }
        return null;
    }

    private static BatchRejection validateHeaderFields(RecordBatchView view) {
        if (CompressionType.forId(view.compressionId()) == null) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                    "The batch names compression id " + view.compressionId() + ", which is not a Kafka codec.");
        }
        if (view.recordCount() <= 0 || view.lastOffsetDelta() + 1 != view.recordCount()) {
            return new BatchRejection(ErrorCode.INVALID_RECORD, "The batch holds " + view.recordCount()
                    + " records but spans " + (view.lastOffsetDelta() + 1) + " offsets.");
        }
        if (view.isControl()) {
            return new BatchRejection(ErrorCode.INVALID_RECORD, "Clients may not produce control batches.");
        }
        if (view.isTransactional()) {
            return new BatchRejection(ErrorCode.INVALID_TXN_STATE, "This broker does not support transactions.");
        }
        if (view.hasProducerId() && view.baseSequence() < 0) {
            return new BatchRejection(ErrorCode.INVALID_RECORD,
                    "A batch with a producer id must have a sequence number, not " + view.baseSequence() + ".");
        }
        return null;
    }
}
