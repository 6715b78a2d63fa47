package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.brook.broker.config.BrokerConfig;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: back-pressure from a tiny append ring. The broker runs in a child JVM with a small
 * heap, one append thread and a ring of {@value #TINY_RING_SLOTS} slots, so that the ring is full
 * whenever more than two batches wait and connections keep stopping and resuming their reads.
 * Eight idempotent acks=all producers send as fast as {@code send()} takes records for a few
 * seconds and are then closed at once, abandoning whatever they still buffer. Then:
 *
 * <ul>
 *   <li>the broker is still running (it runs with {@code -XX:+ExitOnOutOfMemoryError}, so a heap
 *       exhausted anywhere ends it) and its log reports no out-of-memory error (direct buffers
 *       fail with one of their own), no leaked buffer and no error at all;
 *   <li>every acknowledged record is in the log exactly once, at the partition and offset its
 *       acknowledgement named; no record is stored twice, acknowledged or not; offsets run without
 *       a gap;
 *   <li>every producer had records acknowledged, none fewer than a tenth of the mean, and
 *       acknowledgements never stopped: in no {@value #MAX_ACK_GAP_MS} ms of the load did the
 *       broker acknowledge nothing.
 * </ul>
 *
 * The same load against a broker with the default ring size gives the throughput to compare with:
 * a tiny ring may cost throughput, but it must degrade smoothly rather than collapse, so it must
 * keep at least {@value #MIN_THROUGHPUT_PERCENT}% of it. The bounds are loose on purpose: both
 * runs share two cores with the test's own producers and whatever else the machine runs, so only
 * a collapse (a stall, a livelock of retries on the full ring, a connection never resumed) should
 * fail them, not noise.
 *
 * <p>Each record's value is its producer's number, its sequence number and padding, and a producer
 * sends sequence {@code n} to partition {@code n % partitionCount}, so that every stored record
 * names the acknowledgement it must match.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TinyRingIT {
    private static final System.Logger LOG = System.getLogger(TinyRingIT.class.getName());
    private static final String TOPIC = "tiny-ring";
    private static final int PARTITION_COUNT = 6;
    private static final int PRODUCER_COUNT = 8;
    /** With two slots a full ring is the usual case, not an accident. */
    private static final int TINY_RING_SLOTS = 2;
    /**
     * The broker's heap, and so also its direct memory ({@code MaxDirectMemorySize} defaults to the
     * heap size), where the request bytes live: small next to what the producers push at it (256 MiB
     * buffered in the clients). With the default ring every connection's five requests of up to
     * 1 MiB are read and wait in memory for the append thread, about 50 MB here: that run fails at
     * 48 MB and passed at 64 MB. With the tiny ring, connections stop reading instead, and the run
     * passed at 32 MB. This leaves the default ring a margin, so that the comparison is not flaky.
     */
    private static final String HEAP_OPTION = "-Xmx96m";
    private static final long LOAD_MS = 8_000;
    private static final int VALUE_BYTES = 100;
    private static final int BATCH_BYTES = 256 * 1024;
    private static final int MAX_IN_FLIGHT_REQUESTS = 5;
    /**
     * Acknowledgements normally come every few milliseconds; the longest silences measured were
     * 0.2 to 1.1 s, with other builds keeping both cores busy. A connection paused and never resumed
     * silences them for good (32 s in a run where the broker forgot to resume reading).
     */
    private static final long MAX_ACK_GAP_MS = 3_000;
    private static final int MIN_THROUGHPUT_PERCENT = 5;
    /**
     * A producer whose connection lost every race for a free slot would get next to nothing; one
     * that merely shares an event loop with more connections than the others gets somewhat less.
     */
    private static final int MIN_SHARE_OF_MEAN = 10;
    private static final long READ_BACK_TIMEOUT_MS = 60_000;
    private static final int LOG_TAIL_LINES = 60;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** A pause in {@code -Xlog:gc}: {@code GC(7) Pause Young (Normal) (G1 Evacuation Pause) 40M->12M(96M) 3.2ms}. */
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /** Memory running out: the JVM's error for the heap, Netty's for its own accounting of direct memory. */
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("OutOfMemoryError|OutOfDirectMemoryError");

    @TempDir
    Path workDirectory;

    @Test
    void eightFullSpeedProducersThroughATinyRingStayWithinASmallHeapLoseNothingAndKeepMostOfTheThroughput() throws Exception {
        LoadResult tiny = runLoad("tiny-ring", TINY_RING_SLOTS);
        LoadResult standard = runLoad("default-ring", 0);
        LOG.log(Level.INFO, "The ring of {0} slots kept {1,number,#}% of the default ring''s throughput.",
                TINY_RING_SLOTS, 100 * tiny.recordsPerSecond() / standard.recordsPerSecond());
        assertTrue(tiny.recordsPerSecond() * 100 >= standard.recordsPerSecond() * MIN_THROUGHPUT_PERCENT,
                "the tiny ring kept at least " + MIN_THROUGHPUT_PERCENT + "% of the default ring's throughput: " + tiny
                        + " against " + standard);
    }

    /**
     * Starts a broker with a ring of {@code ringSlots} slots (0: the default), runs the load, checks
     * the broker and its log, and returns what the load achieved.
     */
    private LoadResult runLoad(String label, int ringSlots) throws Exception {
        Path directory = Files.createDirectories(workDirectory.resolve(label));
        Path gcLog = directory.resolve("gc.log");
        List<String> jvmOptions = List.of(HEAP_OPTION, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog);
        try (ChildBroker broker = new ChildBroker(directory, settings(directory, ringSlots), jvmOptions)) {
            int port = broker.start();
            try {
                createTopic(port);
                ProducerAcks[] acks = Load.run(port);
                assertBrokerHealthy(broker, "after the load");
                assertAcknowledgementsFlowed(acks);
                long unacknowledgedStored = assertLogHoldsAcknowledgedRecordsOnceAtTheirOffsets(port, acks);
                assertBrokerHealthy(broker, "after reading the log back");
                LoadResult result = LoadResult.of(label, acks, unacknowledgedStored, Files.readString(gcLog));
                LOG.log(Level.INFO, "{0}", result);
                return result;
            } catch (Exception | AssertionError e) {
                throw new AssertionError("The run with the " + label + " failed; the broker's log ends with:\n"
                        + broker.logTail(LOG_TAIL_LINES), e);
            }
        }
    }

    private static Map<String, String> settings(Path directory, int ringSlots) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0");
        settings.put(BrokerConfig.LOG_DIRS, directory.resolve("data").toString());
        settings.put(BrokerConfig.AUTO_CREATE_TOPICS_ENABLE, "false");
        // One ring for every partition, so that all eight connections push against the same few slots.
        settings.put(BrokerConfig.NUM_APPEND_THREADS, "1");
        if (ringSlots > 0) {
            settings.put(BrokerConfig.APPEND_RING_BUFFER_SIZE, String.valueOf(ringSlots));
        }
        return settings;
    }

    private static void createTopic(int port) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITION_COUNT, (short) 1))).all().get();
        }
    }

    private static void assertBrokerHealthy(ChildBroker broker, String when) {
        assertTrue(broker.isAlive(), when + ": the broker is still running");
        String log = broker.log();
        assertFalse(OUT_OF_MEMORY.matcher(log).find(), when + ": the broker's log reports running out of memory");
        assertFalse(log.contains("LEAK:"), when + ": the broker's log reports a leaked buffer");
        // java.util.logging writes System.Logger's ERROR as SEVERE.
        assertFalse(log.contains(" SEVERE "), when + ": the broker's log reports an error");
    }

    /**
     * Nothing failed while the producers were sending, every producer had a fair part of its
     * records acknowledged, and the broker never went {@value #MAX_ACK_GAP_MS} ms without
     * acknowledging anything.
     */
    private static void assertAcknowledgementsFlowed(ProducerAcks[] acks) {
        for (ProducerAcks producer : acks) {
            assertEquals(List.of(), producer.problems(), "what producer " + producer.producerId + " was told while sending");
            assertTrue(producer.ackedCount() > 0, "producer " + producer.producerId + " had records acknowledged: "
                    + Arrays.toString(ackedCounts(acks)));
        }
        long meanAckedCount = Arrays.stream(ackedCounts(acks)).sum() / PRODUCER_COUNT;
        for (ProducerAcks producer : acks) {
            assertTrue(producer.ackedCount() * MIN_SHARE_OF_MEAN >= meanAckedCount, "producer " + producer.producerId
                    + " had at least 1/" + MIN_SHARE_OF_MEAN + " of the mean share acknowledged, not starved by the others: "
                    + Arrays.toString(ackedCounts(acks)));
        }
        Silence longest = Silence.longest(acks);
        assertTrue(longest.lengthMs() <= MAX_ACK_GAP_MS, "the broker acknowledged nothing for " + longest + ", more than "
                + MAX_ACK_GAP_MS + " ms");
    }

    /**
     * Reads every partition from offset 0 to its end, asking for the ends again until the reading
     * has caught up with them (requests sent before the producers closed may still be landing).
     * Offsets run without a gap; each record is one a producer sent, to that partition, stored
     * once; an acknowledged one sits at exactly the offset its acknowledgement named; and every
     * acknowledged record is there. Returns how many records are stored without their producer
     * having heard so: those in flight when it closed.
     */
    private static long assertLogHoldsAcknowledgedRecordsOnceAtTheirOffsets(int port, ProducerAcks[] acks) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            partitions.add(new TopicPartition(TOPIC, partition));
        }
        StoredRecords stored = new StoredRecords(acks);
        long deadlineNs = System.nanoTime() + READ_BACK_TIMEOUT_MS * NANOS_PER_MILLI;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (long[] ends = endOffsets(consumer, partitions); !stored.reached(ends); ends = endOffsets(consumer, partitions)) {
                while (!stored.reached(ends)) {
                    if (deadlineNs - System.nanoTime() <= 0) {
                        fail("read only up to offsets " + Arrays.toString(stored.nextOffsets) + " of " + Arrays.toString(ends)
                                + " within " + READ_BACK_TIMEOUT_MS + " ms");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        stored.check(record);
                    }
                }
            }
        }
        long ackedTotal = 0;
        for (ProducerAcks producer : acks) {
            ackedTotal += producer.ackedCount();
        }
        assertEquals(ackedTotal, stored.ackedFound, "every acknowledged record is in the log; it ends at "
                + Arrays.toString(stored.nextOffsets));
        return stored.total - stored.ackedFound;
    }

    private static long[] endOffsets(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        long[] ends = new long[PARTITION_COUNT];
        consumer.endOffsets(partitions).forEach((partition, end) -> ends[partition.partition()] = end);
        return ends;
    }

    private static int partitionOf(long sequence) {
        return (int) (sequence % PARTITION_COUNT);
    }

    private static long[] ackedCounts(ProducerAcks[] acks) {
        return Arrays.stream(acks).mapToLong(ProducerAcks::ackedCount).toArray();
    }

    /**
     * The records read back so far, checked one at a time against what the producers sent and were
     * told. Not thread-safe: used by the test's thread.
     */
    private static final class StoredRecords {
        private final ProducerAcks[] acks;
        /** Per producer, the sequence numbers found in the log. */
        private final BitSet[] found = new BitSet[PRODUCER_COUNT];
        final long[] nextOffsets = new long[PARTITION_COUNT];
        long total;
        long ackedFound;

        StoredRecords(ProducerAcks[] acks) {
            this.acks = acks;
            for (int producerId = 0; producerId < PRODUCER_COUNT; producerId++) {
                found[producerId] = new BitSet();
            }
        }

        void check(ConsumerRecord<byte[], byte[]> record) {
            String where = "partition " + record.partition() + " offset " + record.offset();
            assertEquals(nextOffsets[record.partition()], record.offset(), "partition " + record.partition()
                    + " skips from offset " + nextOffsets[record.partition()] + " to " + record.offset());
            assertEquals(VALUE_BYTES, record.value().length, where + ": value size");
            ByteBuffer value = ByteBuffer.wrap(record.value());
            int producerId = value.getInt();
            long sequence = value.getLong();
            assertTrue(producerId >= 0, where + " holds a record of no producer: " + producerId);
            assertTrue(producerId < PRODUCER_COUNT, where + " holds a record of no producer: " + producerId);
            String what = where + " holds record " + sequence + " of producer " + producerId;
            assertTrue(sequence >= 0, what + ", which it never sent");
            assertTrue(sequence < acks[producerId].sentCount(), what + ", which it never sent");
            assertEquals(partitionOf(sequence), record.partition(), what + ", which was sent to another partition");
            assertFalse(found[producerId].get((int) sequence), what + ", which is stored earlier too");
            found[producerId].set((int) sequence);
            long ackedOffset = acks[producerId].ackedOffset(sequence);
            if (ackedOffset >= 0) {
                assertEquals(ackedOffset, record.offset(), what + ", which was acknowledged at offset " + ackedOffset);
                ackedFound++;
            }
            total++;
            nextOffsets[record.partition()] = record.offset() + 1;
        }

        /** True when every partition is read up to {@code ends} (or past it: the log may still grow while it is read). */
        boolean reached(long[] ends) {
            for (int partition = 0; partition < PARTITION_COUNT; partition++) {
                if (nextOffsets[partition] < ends[partition]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Eight producers, each on a thread of its own, sending numbered records as fast as
     * {@code send()} takes them for {@link #LOAD_MS}, then closed without waiting: the records
     * still buffered or in flight fail on the client, and may or may not be stored.
     */
    private static final class Load {
        private Load() {
        }

        static ProducerAcks[] run(int port) throws InterruptedException {
            ProducerAcks[] acks = new ProducerAcks[PRODUCER_COUNT];
            List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            try {
                for (int producerId = 0; producerId < PRODUCER_COUNT; producerId++) {
                    producers.add(new KafkaProducer<>(producerConfig(port), new ByteArraySerializer(), new ByteArraySerializer()));
                    acks[producerId] = new ProducerAcks(producerId);
                }
                CountDownLatch start = new CountDownLatch(1);
                long startNs = System.nanoTime();
                for (int producerId = 0; producerId < PRODUCER_COUNT; producerId++) {
                    KafkaProducer<byte[], byte[]> producer = producers.get(producerId);
                    ProducerAcks producerAcks = acks[producerId];
                    producerAcks.startNs = startNs;
                    Thread thread = new Thread(() -> sendThenClose(producer, producerAcks, start), "load-producer-" + producerId);
                    thread.start();
                    threads.add(thread);
                }
                start.countDown();
                for (Thread thread : threads) {
                    thread.join();
                }
            } finally {
                // Already closed unless something failed; closing again is harmless.
                for (KafkaProducer<byte[], byte[]> producer : producers) {
                    producer.close(Duration.ZERO);
                }
            }
            return acks;
        }

        private static Map<String, Object> producerConfig(int port) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            // Idempotence and buffer.memory keep the client's defaults: on, and 32 MiB per producer.
            config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(BATCH_BYTES));
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, String.valueOf(MAX_IN_FLIGHT_REQUESTS));
            return config;
        }

        private static void sendThenClose(KafkaProducer<byte[], byte[]> producer, ProducerAcks acks, CountDownLatch start) {
            try {
                start.await();
                long deadlineNs = acks.startNs + LOAD_MS * NANOS_PER_MILLI;
                long sequence = 0;
                while (System.nanoTime() - deadlineNs < 0) {
                    long sent = sequence;
                    acks.sending(sent);
                    producer.send(new ProducerRecord<>(TOPIC, partitionOf(sent), null, value(acks.producerId, sent)),
                            (metadata, error) -> acks.answered(sent, metadata, error));
                    sequence++;
                }
                acks.stop();
                producer.close(Duration.ZERO);
            } catch (InterruptedException | RuntimeException e) {
                acks.failed(e);
            }
        }

        private static byte[] value(int producerId, long sequence) {
            return ByteBuffer.allocate(VALUE_BYTES).putInt(producerId).putLong(sequence).array();
        }
    }

    /**
     * What one producer sent and was told: the offset each record was acknowledged at (indexed by
     * its sequence number), when acknowledgements arrived during the load, and every failure before
     * the producer was closed (the failures its closing causes are expected).
     *
     * <p>Thread-safe: filled by the producer's sending thread and its callbacks (on the client's
     * I/O thread), read by the test's thread after the load.
     */
    private static final class ProducerAcks {
        private static final int MAX_PROBLEMS_KEPT = 10;
        private static final int INITIAL_CAPACITY = 1 << 16;

        final int producerId;
        /** Set before the producer's thread starts. */
        volatile long startNs;
        private long stopNs;
        private boolean stopped;
        private long[] ackedOffsets = new long[INITIAL_CAPACITY];
        private long sentCount;
        private long ackedCount;
        private long ackedDuringLoadCount;
        /** When acknowledgements arrived during the load, in arrival order (nanoTime), at most one a millisecond. */
        private long[] ackTimesNs = new long[INITIAL_CAPACITY];
        private int ackTimeCount;
        private final List<String> problems = new ArrayList<>();
        private long problemCount;

        ProducerAcks(int producerId) {
            this.producerId = producerId;
            Arrays.fill(ackedOffsets, -1);
        }

        /** Makes room to note the answer to record {@code sequence}, before it is sent. */
        synchronized void sending(long sequence) {
            if (sequence >= ackedOffsets.length) {
                int oldLength = ackedOffsets.length;
                ackedOffsets = Arrays.copyOf(ackedOffsets, oldLength * 2);
                Arrays.fill(ackedOffsets, oldLength, ackedOffsets.length, -1);
            }
            sentCount++;
        }

        synchronized void answered(long sequence, RecordMetadata metadata, Exception error) {
            if (error != null) {
                if (!stopped) {
                    problem("record " + sequence + " failed: " + error);
                }
                return;
            }
            if (metadata.partition() != partitionOf(sequence)) {
                problem("record " + sequence + " was acknowledged in partition " + metadata.partition());
                return;
            }
            if (ackedOffsets[(int) sequence] >= 0) {
                problem("record " + sequence + " was acknowledged twice");
                return;
            }
            ackedOffsets[(int) sequence] = metadata.offset();
            ackedCount++;
            if (!stopped) {
                ackedDuringLoadCount++;
                noteAckTime(System.nanoTime());
            }
        }

        /** Silences shorter than a millisecond do not matter: one time per millisecond is enough. */
        private void noteAckTime(long nowNs) {
            if (ackTimeCount > 0 && nowNs - ackTimesNs[ackTimeCount - 1] < NANOS_PER_MILLI) {
                return;
            }
            if (ackTimeCount == ackTimesNs.length) {
                ackTimesNs = Arrays.copyOf(ackTimesNs, ackTimesNs.length * 2);
            }
            ackTimesNs[ackTimeCount++] = nowNs;
        }

        /** The load is over: failures from here on come from closing the producer. */
        synchronized void stop() {
            stopped = true;
            stopNs = System.nanoTime();
        }

        synchronized void failed(Exception e) {
            problem("sending failed: " + e);
        }

        private void problem(String problem) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS_KEPT) {
                problems.add(problem);
            }
        }

        /** The offset record {@code sequence} was acknowledged at, or -1. */
        synchronized long ackedOffset(long sequence) {
            return sequence < ackedOffsets.length ? ackedOffsets[(int) sequence] : -1;
        }

        synchronized long sentCount() {
            return sentCount;
        }

        synchronized long ackedCount() {
            return ackedCount;
        }

        synchronized long ackedDuringLoadCount() {
            return ackedDuringLoadCount;
        }

        synchronized long stopNs() {
            return stopNs;
        }

        synchronized long[] ackTimesNs() {
            return Arrays.copyOf(ackTimesNs, ackTimeCount);
        }

        /** The first few problems and how many there were in all; empty when there were none. */
        synchronized List<String> problems() {
            List<String> summary = new ArrayList<>(problems);
            if (problemCount > problems.size()) {
                summary.add("and " + (problemCount - problems.size()) + " more");
            }
            return summary;
        }
    }

    /** The longest time in a load in which no producer had a record acknowledged, and when in the load it ended. */
    private record Silence(long lengthMs, long endMs) {
        /** From the start of the load until the first producer stopped sending. */
        static Silence longest(ProducerAcks[] acks) {
            long startNs = acks[0].startNs;
            long endNs = Long.MAX_VALUE;
            List<long[]> perProducer = new ArrayList<>();
            int totalCount = 0;
            for (ProducerAcks producer : acks) {
                endNs = Math.min(endNs, producer.stopNs());
                long[] times = producer.ackTimesNs();
                perProducer.add(times);
                totalCount += times.length;
            }
            long[] all = new long[totalCount];
            int position = 0;
            for (long[] times : perProducer) {
                System.arraycopy(times, 0, all, position, times.length);
                position += times.length;
            }
            Arrays.sort(all);
            long longestNs = 0;
            long longestEndNs = startNs;
            long previousNs = startNs;
            for (long timeNs : all) {
                if (timeNs - endNs > 0) {
                    break;
                }
                if (timeNs - previousNs > longestNs) {
                    longestNs = timeNs - previousNs;
                    longestEndNs = timeNs;
                }
                previousNs = timeNs;
            }
            if (endNs - previousNs > longestNs) {
                longestNs = endNs - previousNs;
                longestEndNs = endNs;
            }
            return new Silence(longestNs / NANOS_PER_MILLI, (longestEndNs - startNs) / NANOS_PER_MILLI);
        }

        @Override
        public String toString() {
            return lengthMs + " ms, until " + endMs + " ms into the load";
        }
    }

    /**
     * What one run achieved: records acknowledged during the load per second of it, and the
     * broker's heap as its garbage collector saw it (the most in use before a collection and the most
     * left after one).
     */
    private record LoadResult(String label, long ackedCount, double recordsPerSecond, long[] ackedCounts, long unacknowledgedStored,
                              Silence longestSilence, int peakHeapBeforeGcMb, int peakHeapAfterGcMb, int gcCount) {
        static LoadResult of(String label, ProducerAcks[] acks, long unacknowledgedStored, String gcLog) {
            long ackedCount = 0;
            long ackedDuringLoadCount = 0;
            for (ProducerAcks producer : acks) {
                ackedCount += producer.ackedCount();
                ackedDuringLoadCount += producer.ackedDuringLoadCount();
            }
            double recordsPerSecond = ackedDuringLoadCount * 1e9 / (LOAD_MS * NANOS_PER_MILLI);
            int peakBeforeMb = 0;
            int peakAfterMb = 0;
            int gcCount = 0;
            Matcher heap = GC_HEAP.matcher(gcLog);
            while (heap.find()) {
                peakBeforeMb = Math.max(peakBeforeMb, Integer.parseInt(heap.group(1)));
                peakAfterMb = Math.max(peakAfterMb, Integer.parseInt(heap.group(2)));
                gcCount++;
            }
            return new LoadResult(label, ackedCount, recordsPerSecond, TinyRingIT.ackedCounts(acks), unacknowledgedStored,
                    Silence.longest(acks), peakBeforeMb, peakAfterMb, gcCount);
        }

        @Override
        public String toString() {
            return String.format("%s: %,d records acknowledged (%,.0f records/s, %.1f MB/s of values; per producer %s), "
                            + "%,d more stored but abandoned at close, longest time without an acknowledgement %s; "
                            + "heap (%s) at most %d MB in use before and %d MB after each of %d collections",
                    label, ackedCount, recordsPerSecond, recordsPerSecond * VALUE_BYTES / 1e6, Arrays.toString(ackedCounts),
                    unacknowledgedStored, longestSilence, HEAP_OPTION, peakHeapBeforeGcMb, peakHeapAfterGcMb, gcCount);
        }
    }
}
