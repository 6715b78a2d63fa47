package io.brook.log.producer;

import io.brook.log.AtomicFileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A producer-state snapshot: the state of a partition's idempotent producers after every batch
 * below the offset in the file's name, so that loading replays only the log after it. Our own
 * layout (Kafka's keeps one batch per producer; we keep the five a retry can repeat):
 * <pre>
 * version int16 (1) | crc32c uint32 (of everything after it) | producer count int32 |
 *   per producer: id int64, epoch int16, batch count int32,
 *     per batch (oldest first): first sequence int32, last sequence int32, first offset int64
 * </pre>
 * Replaced atomically but not synced; a file whose CRC does not match is refused.
 */
public final class ProducerSnapshotFile {
    private static final short VERSION = 1;
    private static final int HEADER_BYTES = 2 + 4;
    private static final int PRODUCER_BYTES = 8 + 2 + 4;
    private static final int BATCH_BYTES = 4 + 4 + 8;

    private ProducerSnapshotFile() {
    }

    public static void write(Path file, ProducerStateTable table) throws IOException {
        Map<Long, ProducerEntry> producers = table.entries();
        int size = HEADER_BYTES + 4;
        for (ProducerEntry entry : producers.values()) {
            size += PRODUCER_BYTES + entry.batchCount() * BATCH_BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putInt(0).putInt(producers.size());
        producers.forEach((producerId, entry) -> {
            buffer.putLong(producerId).putShort(entry.epoch()).putInt(entry.batchCount());
            for (int i = 0; i < entry.batchCount(); i++) {
                buffer.putInt(entry.firstSequenceOf(i)).putInt(entry.lastSequenceOf(i)).putLong(entry.firstOffsetOf(i));
            }
        });
        buffer.putInt(2, (int) crcOf(buffer, HEADER_BYTES, size));
        // Not synced: taken on the append thread at each roll. The CRC catches a snapshot a power
        // loss damaged, and the loader then replays from an older one or the log start.
        AtomicFileWriter.writeUnsynced(file, buffer.flip());
    }

    /** Reads a snapshot into a new table; throws {@link IOException} for a file that is damaged or not a snapshot. */
    public static ProducerStateTable read(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            short version = buffer.getShort();
            if (version != VERSION) {
                throw new IOException("producer snapshot " + file + " has version " + version + ", not " + VERSION);
            }
            long crc = Integer.toUnsignedLong(buffer.getInt());
            if (crc != crcOf(buffer, HEADER_BYTES, buffer.limit())) {
                throw new IOException("producer snapshot " + file + " does not match its CRC");
            }
            ProducerStateTable table = new ProducerStateTable();
            int producers = buffer.getInt();
            for (int p = 0; p < producers; p++) {
                long producerId = buffer.getLong();
                ProducerEntry entry = new ProducerEntry(buffer.getShort());
                int batches = buffer.getInt();
                for (int b = 0; b < batches; b++) {
                    entry.addBatch(buffer.getInt(), buffer.getInt(), buffer.getLong());
                }
                table.put(producerId, entry);
            }
            if (buffer.hasRemaining()) {
                throw new IOException("producer snapshot " + file + " has " + buffer.remaining() + " bytes after its entries");
            }
            return table;
        } catch (RuntimeException truncated) {
            throw new IOException("producer snapshot " + file + " is damaged: " + truncated, truncated);
        }
    }

    private static long crcOf(ByteBuffer buffer, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(from).limit(to));
        return crc.getValue();
    }
}
