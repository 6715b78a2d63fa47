package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka's own DumpLogSegments reads segments written by this broker, with their offset and time
 * indexes, without an error or a mismatch, and prints the batches and index entries we wrote: the
 * same base and last offsets at the same positions, the same index entries.
 */
class DumpLogSegmentsIT {
    private static final String TOPIC = "dumped";
    private static final int RECORDS = 6_000;
    private static final Pattern BATCH = Pattern.compile("baseOffset: (\\d+) lastOffset: (\\d+) .*position: (\\d+) .*size: (\\d+) .*isvalid: (\\w+)");
    private static final Pattern OFFSET_ENTRY = Pattern.compile("^offset: (\\d+) position: (\\d+)$");
    private static final Pattern TIME_ENTRY = Pattern.compile("^timestamp: (-?\\d+) offset: (\\d+)$");
    /** What DumpLogSegments prints when an index disagrees with its log. */
    private static final List<String> COMPLAINTS = List.of("mismatch", "not found", "out of order", "exception", "error", "isvalid: false");

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension().with("log.segment.bytes", "262144");

    @Test
    void kafkasDumpLogSegmentsReadsOurSegmentsAndIndexesAsWeWroteThem() throws Exception {
        produceWithWanderingTimestamps();
        Path partition = broker.dataDirectory().resolve(TOPIC + "-0");
        broker.stop();

        List<Path> logs = filesEnding(partition, ".log");
        assertTrue(logs.size() >= 3, "the test needs inactive segments and an active one: " + logs);
        for (Path log : List.of(logs.get(0), logs.get(logs.size() - 1))) {
            String base = log.getFileName().toString().replace(".log", "");
            Path index = partition.resolve(base + ".index");
            Path timeIndex = partition.resolve(base + ".timeindex");
            Map<String, List<String>> sections = dump(log, index, timeIndex);

            String output = String.join("\n", sections.values().stream().flatMap(List::stream).toList());
            for (String complaint : COMPLAINTS) {
                assertFalse(output.toLowerCase(Locale.ROOT).contains(complaint), "DumpLogSegments says '" + complaint + "':\n" + output);
            }
            assertEquals(ourBatches(log), matches(sections.get(log.toString()), BATCH, 4), "batches of " + log.getFileName());
            List<List<Long>> indexEntries = ourEntries(index, 8, base);
            assertTrue(indexEntries.size() >= 2, "the offset index of " + log.getFileName() + " is too sparse to tell: " + indexEntries);
            assertEquals(indexEntries, matches(sections.get(index.toString()), OFFSET_ENTRY, 2), "offset index of " + log.getFileName());
            List<List<Long>> timeEntries = ourEntries(timeIndex, 12, base);
            assertTrue(timeEntries.size() >= 1, "the time index of " + log.getFileName() + " is too sparse to tell: " + timeEntries);
            assertEquals(timeEntries, matches(sections.get(timeIndex.toString()), TIME_ENTRY, 2), "time index of " + log.getFileName());
        }
    }

    /** Records in batches of varying sizes, timestamps mostly rising with some stepping back. */
    private void produceWithWanderingTimestamps() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "3000");
        Random random = new Random(42);
        long timestamp = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                timestamp += random.nextInt(100);
                long stamped = random.nextInt(10) == 0 ? timestamp - random.nextInt(5_000) : timestamp;
                producer.send(new ProducerRecord<>(TOPIC, 0, stamped, "key-" + i, "value-" + i + "-" + "x".repeat(random.nextInt(200))));
                if (random.nextInt(50) == 0) {
                    producer.flush();
                }
            }
            producer.flush();
        }
    }

    /** Runs DumpLogSegments over the three files; its output by the file each section dumps. */
    private static Map<String, List<String>> dump(Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ReferenceKafkaScript.path().toString(), "dump-log", "--files"));
        command.add(String.join(",", Stream.of(files).map(Path::toString).toList()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "DumpLogSegments did not finish");
        assertEquals(0, process.exitValue(), "DumpLogSegments failed:\n" + output);
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("Dumping ")) {
                current = new ArrayList<>();
                sections.put(line.substring("Dumping ".length()).trim(), current);
            } else if (current != null) {
                current.add(line.trim());
            }
        }
        for (Path file : files) {
            assertTrue(sections.containsKey(file.toString()), "DumpLogSegments did not dump " + file + ":\n" + output);
        }
        return sections;
    }

    /** The first {@code groups} numbers of each line matching {@code pattern}. */
    private static List<List<Long>> matches(List<String> lines, Pattern pattern, int groups) {
        List<List<Long>> found = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                if (pattern == BATCH) {
                    assertEquals("true", matcher.group(5), line);
                }
                List<Long> numbers = new ArrayList<>();
                for (int group = 1; group <= groups; group++) {
                    numbers.add(Long.parseLong(matcher.group(group)));
                }
                found.add(numbers);
            }
        }
        return found;
    }

    /** (base offset, last offset, position, size) of every batch in the file, read with our own view. */
    private static List<List<Long>> ourBatches(Path log) throws IOException {
        ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(log));
        RecordBatchView view = new RecordBatchView();
        List<List<Long>> batches = new ArrayList<>();
        int position = 0;
        while (position < bytes.readableBytes()) {
            view.wrap(bytes, position);
            batches.add(List.of(view.baseOffset(), view.lastOffset(), (long) position, (long) view.sizeInBytes()));
            position += view.sizeInBytes();
        }
        return batches;
    }

    /**
     * The entries of an index file as DumpLogSegments prints them: for the offset index (8-byte
     * entries) absolute offset and position; for the time index (12-byte entries) timestamp and
     * absolute offset.
     */
    private static List<List<Long>> ourEntries(Path index, int entryBytes, String baseName) throws IOException {
        long baseOffset = Long.parseLong(baseName);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(index));
        assertEquals(0, bytes.remaining() % entryBytes, index + " is not a whole number of entries");
        List<List<Long>> entries = new ArrayList<>();
        while (bytes.hasRemaining()) {
            if (entryBytes == 8) {
                long offset = baseOffset + bytes.getInt();
                entries.add(List.of(offset, (long) bytes.getInt()));
            } else {
                long timestamp = bytes.getLong();
                entries.add(List.of(timestamp, baseOffset + bytes.getInt()));
            }
        }
        return entries;
    }

    private static List<Path> filesEnding(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
