package io.brook.broker.producer;

import io.brook.log.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands out producer ids that are never reused, across restarts too. Ids are reserved in blocks:
 * before the first id of a block is handed out, the end of the block is written durably to
 * {@value #FILE_NAME}; after a restart, handing out resumes at that end. A crash can skip the rest
 * of a block, never repeat an id.
 *
 * <p>Thread-safe.
 */
public final class ProducerIdManager {
    static final String FILE_NAME = "producer-id-block";
    /** Kafka's controller hands out blocks of this size too; one disk write per thousand producers. */
    static final long BLOCK_SIZE = 1000;

    private final Path file;
    private long nextId;
    private long blockEnd;

    private ProducerIdManager(Path file, long start) {
        this.file = file;
        this.nextId = start;
        this.blockEnd = start;
    }

    public static ProducerIdManager open(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        long start = 0;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            try {
                start = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException(file + " should hold the next free producer id, not \"" + text + "\".");
            }
        }
        return new ProducerIdManager(file, start);
    }

    /** The next unused producer id; blocks on a disk write once per block. */
    public synchronized long nextProducerId() throws IOException {
        if (nextId == blockEnd) {
            long newEnd = blockEnd + BLOCK_SIZE;
            AtomicFileWriter.write(file, newEnd + "\n");
            blockEnd = newEnd;
        }
        return nextId++;
    }
}
