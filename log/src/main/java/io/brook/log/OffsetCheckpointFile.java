package io.brook.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-directory offset checkpoint in Kafka's text format ({@code recovery-point-offset-checkpoint},
 * {@code log-start-offset-checkpoint}): a version line (0), a count line, then one
 * {@code <topic> <partition> <offset>} line per partition. Replaced atomically.
 */
final class OffsetCheckpointFile {
    private static final System.Logger LOG = System.getLogger(OffsetCheckpointFile.class.getName());
    private static final int VERSION = 0;

    private final Path file;

    OffsetCheckpointFile(Path file) {
        this.file = file;
    }

    void write(Map<TopicPartition, Long> offsets) throws IOException {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(offsets.size()).append('\n');
        offsets.forEach((partition, offset) ->
                text.append(partition.topic()).append(' ').append(partition.partition()).append(' ').append(offset).append('\n'));
        AtomicFileWriter.write(file, text.toString());
    }

    /**
     * The offsets in the file; empty when it is missing. A file that does not parse is reported
     * and read as empty: every partition then falls back to the safe side (recovery from its
     * first segment, the log start at its first segment).
     */
    Map<TopicPartition, Long> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            return Map.of();
        }
        try {
            return parse(lines);
        } catch (RuntimeException malformed) {
            LOG.log(Level.WARNING, "Ignoring the checkpoint file {0}, which does not parse: {1}", file, malformed.getMessage());
            return Map.of();
        }
    }

    private Map<TopicPartition, Long> parse(List<String> lines) {
        if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
            throw new IllegalArgumentException("expected version " + VERSION + " and a count");
        }
        int count = Integer.parseInt(lines.get(1).trim());
        if (lines.size() < 2 + count) {
            throw new IllegalArgumentException("expected " + count + " entries, found " + (lines.size() - 2));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String line : lines.subList(2, 2 + count)) {
            String[] fields = line.trim().split(" ");
            if (fields.length != 3) {
                throw new IllegalArgumentException("malformed entry '" + line + "'");
            }
            offsets.put(new TopicPartition(fields[0], Integer.parseInt(fields[1])), Long.parseLong(fields[2]));
        }
        return offsets;
    }
}
