package io.brook.broker.metadata;

import io.brook.log.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The durable list of topics: one line per topic, {@code <topic id> <partition count> <name>}, in
 * the file {@value #FILE_NAME} of the data directory. Every change replaces the file atomically,
 * so a crash leaves the old list or the new one.
 *
 * <p>Not thread-safe: topic administration calls it from one thread.
 */
final class TopicStore {
    static final String FILE_NAME = "topics.registry";

    private final Path file;

    TopicStore(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    record Entry(String name, UUID id, int partitionCount) {
    }

    List<Entry> load() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            if (fields.length != 3) {
                throw new IOException(file + " line " + lineNumber + " is not \"<topic id> <partitions> <name>\": " + line);
            }
            entries.add(new Entry(fields[2], Uuids.fromBase64(fields[0]), Integer.parseInt(fields[1])));
        }
        return entries;
    }

    void save(Collection<Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(Uuids.toBase64(entry.id())).append(' ').append(entry.partitionCount()).append(' ').append(entry.name()).append('\n');
        }
        AtomicFileWriter.write(file, text.toString());
    }
}
