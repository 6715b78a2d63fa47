package io.brook.broker.metadata;

import io.brook.log.AtomicFileWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The durable list of topics: one line per topic, {@code <topic id> <partition count> <name>}
 * followed by the topic's own settings, each as {@code <name>=<value>} with the value
 * URL-encoded, in the file {@value #FILE_NAME} of the data directory. Lines without settings are
 * what brokers before topic configs wrote, so their files load unchanged. Every change replaces
 * the file atomically, so a crash leaves the old list or the new one.
 *
 * <p>Not thread-safe: topic administration calls it from one thread.
 */
final class TopicStore {
    static final String FILE_NAME = "topics.registry";
    private static final int FIXED_FIELDS = 3;

    private final Path file;

    TopicStore(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    /** A topic as stored; {@code configs} are its overrides by name, as given to {@code TopicConfigs.validate}. */
    record Entry(String name, UUID id, int partitionCount, Map<String, String> configs) {
        Entry {
            configs = Map.copyOf(configs);
        }

        Entry(String name, UUID id, int partitionCount) {
            this(name, id, partitionCount, Map.of());
        }
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
            if (fields.length < FIXED_FIELDS) {
                throw new IOException(file + " line " + lineNumber + " is not \"<topic id> <partitions> <name> [<setting>=<value>]...\": " + line);
            }
            Map<String, String> configs = new TreeMap<>();
            for (int i = FIXED_FIELDS; i < fields.length; i++) {
                int equals = fields[i].indexOf('=');
                if (equals <= 0) {
                    throw new IOException(file + " line " + lineNumber + " has a topic setting without a name: " + fields[i]);
                }
                configs.put(fields[i].substring(0, equals), URLDecoder.decode(fields[i].substring(equals + 1), StandardCharsets.UTF_8));
            }
            entries.add(new Entry(fields[2], Uuids.fromBase64(fields[0]), Integer.parseInt(fields[1]), configs));
        }
        return entries;
    }

    void save(Collection<Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(Uuids.toBase64(entry.id())).append(' ').append(entry.partitionCount()).append(' ').append(entry.name());
            for (Map.Entry<String, String> config : new TreeMap<>(entry.configs()).entrySet()) {
                text.append(' ').append(config.getKey()).append('=').append(URLEncoder.encode(config.getValue(), StandardCharsets.UTF_8));
            }
            text.append('\n');
        }
        AtomicFileWriter.write(file, text.toString());
    }
}
