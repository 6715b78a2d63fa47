package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.brook.broker.config.BrokerConfig;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ListOffsetsResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: crash recovery. The broker runs in a child JVM while one idempotent producer with
 * acks=all streams numbered records ({@code p<partition>-<n>}) to three partitions. The broker is
 * killed with SIGKILL at random moments, six times, and started again on the same data directory;
 * the producer stays the same throughout and rides out each crash on its retries. After every
 * restart, every record acknowledged before the kill is in the log exactly once, in order, at the
 * offset its acknowledgement named, and new writes are acknowledged from the recovered log end on.
 *
 * <p>Because the producer numbers each partition's records from 0 and nothing may be lost,
 * reordered or stored twice, a correct log holds record {@code p<p>-<n>} at offset {@code n} and
 * nothing else; every check below is that one invariant, read back from the log or from the
 * producer's acknowledgements.
 *
 * <p>Every other crash first holds back the broker's responses for a moment (through {@link
 * TcpRelay}), so that batches are written but never acknowledged: the producer retries them after
 * the restart with the same producer id and sequence, and the broker must recognise them from the
 * producer state it recovered from the log and answer with their original offsets instead of
 * storing them again. The other crashes hit the broker mid-stream, wherever it happens to be.
 *
 * <p>The seed of the random moments is logged; {@code -Dcrash.seed=...} repeats a run's choices.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {
    private static final System.Logger LOG = System.getLogger(CrashRecoveryIT.class.getName());
    private static final String TOPIC = "crash";
    private static final int PARTITION_COUNT = 3;
    private static final int CRASH_COUNT = 6;
    /** Small, so that each partition rolls about once a second and recovery scans many segments, not one. */
    private static final int SEGMENT_BYTES = 256 * 1024;
    private static final int MAX_KILL_DELAY_MS = 1_500;
    private static final int MIN_HOLD_MS = 20;
    private static final int MAX_HOLD_MS = 200;
    private static final long AWAIT_TIMEOUT_MS = 60_000;
    private static final int LOG_TAIL_LINES = 80;

    @TempDir
    Path workDirectory;

    @Test
    void acknowledgedRecordsSurviveEverySigkillExactlyOnceInOrderAndWritesContinueAtTheLogEnd() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        LOG.log(Level.INFO, "Crash test seed: {0,number,#} (repeat with -Dcrash.seed={0,number,#}).", seed);
        try (TcpRelay relay = TcpRelay.open(); ChildBroker broker = new ChildBroker(workDirectory, settings(relay.port()))) {
            try {
                crashRepeatedly(relay, broker, new Random(seed));
            } catch (Exception | AssertionError e) {
                throw new AssertionError("The crash test failed with seed " + seed + " in run " + broker.runCount()
                        + " of the broker, whose log ends with:\n" + broker.logTail(LOG_TAIL_LINES), e);
            }
        }
    }

    /** The broker listens on a port of its own each run but advertises the relay's, which stays the same. */
    private Map<String, String> settings(int relayPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0");
        settings.put(BrokerConfig.ADVERTISED_LISTENERS, "PLAINTEXT://127.0.0.1:" + relayPort);
        settings.put(BrokerConfig.LOG_DIRS, workDirectory.resolve("data").toString());
        settings.put(BrokerConfig.LOG_SEGMENT_BYTES, String.valueOf(SEGMENT_BYTES));
        settings.put(BrokerConfig.AUTO_CREATE_TOPICS_ENABLE, "false");
        return settings;
    }

    private void crashRepeatedly(TcpRelay relay, ChildBroker broker, Random random) throws Exception {
        relay.connectTo(broker.start());
        createTopic(relay.port());
        Acknowledgements acks = new Acknowledgements();
        long writtenButUnacknowledged = 0;
        int[] sentCounts;
        try (SequenceProducer producer = SequenceProducer.start(relay.port(), acks)) {
            acks.awaitContinuation(new long[PARTITION_COUNT], "before the first crash");
            for (int crash = 1; crash <= CRASH_COUNT; crash++) {
                String when = "after crash " + crash;
                boolean holdResponses = crash % 2 == 1;
                int killDelayMs = random.nextInt(MAX_KILL_DELAY_MS);
                int holdMs = MIN_HOLD_MS + random.nextInt(MAX_HOLD_MS - MIN_HOLD_MS);
                // The random moment: records stream all the while.
                Thread.sleep(killDelayMs);
                if (holdResponses) {
                    relay.holdResponses();
                    Thread.sleep(holdMs);
                }
                broker.kill();
                relay.disconnect();
                BitSet[] ackedBeforeKill = acks.snapshot();

                int brokerPort = broker.start();
                // Read before any client can reach the new run through the relay, so that these are the recovered ends.
                long[] recoveredEnds = logEndOffsets(brokerPort);
                assertAcknowledgedRecordsKept(ackedBeforeKill, recoveredEnds, when);
                long unacknowledged = countUnacknowledged(ackedBeforeKill, recoveredEnds);
                if (holdResponses) {
                    writtenButUnacknowledged += unacknowledged;
                }
                LOG.log(Level.INFO, "Crash {0}: killed after {1} ms{2}; the log recovered to offsets {3}, with {4} record(s) "
                        + "written but not acknowledged.", crash, killDelayMs, holdResponses ? " and " + holdMs + " ms of held responses" : "",
                        Arrays.toString(recoveredEnds), unacknowledged);

                relay.connectTo(brokerPort);
                assertLogHolds(relay.port(), recoveredEnds, when);
                // The retries of what was written but not acknowledged get their original offsets (the callback checks
                // each offset), and new records are acknowledged from the recovered end on.
                acks.awaitContinuation(recoveredEnds, when);
            }
            sentCounts = producer.stopAndFlush();
        }

        assertEquals(List.of(), acks.problems(), "what the producer was told");
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            assertEquals(sentCounts[partition], acks.acknowledgedPrefix(partition),
                    "partition " + partition + ": every record sent is acknowledged, in one unbroken run from 0");
        }
        long[] finalEnds = logEndOffsets(broker.port());
        assertArrayEquals(Arrays.stream(sentCounts).asLongStream().toArray(), finalEnds,
                "each partition's log ends right after the last record sent to it");
        assertLogHolds(relay.port(), finalEnds, "at the end");
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            long segmentCount = segmentCount(partition);
            LOG.log(Level.INFO, "Partition {0}: {1} records in {2} segment(s).", partition, finalEnds[partition], segmentCount);
            assertTrue(segmentCount > 1, "partition " + partition + " rolled its segment, so recovery read more than one");
        }
        assertTrue(writtenButUnacknowledged > 0, "some crash left records written but not acknowledged, so that the "
                + "producer's retries of them were answered from the recovered producer state");
        assertFalse(broker.log().contains("LEAK:"), "the broker's log reports a leaked buffer");
    }

    /** The partition's segment files, named as Kafka names them: {@code <log.dirs>/<topic>-<partition>/<base offset>.log}. */
    private long segmentCount(int partition) throws IOException {
        try (Stream<Path> files = Files.list(workDirectory.resolve("data").resolve(TOPIC + "-" + partition))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).count();
        }
    }

    private static void createTopic(int port) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITION_COUNT, (short) 1))).all().get();
        }
    }

    /** Each partition's log end offset, asked of the broker directly (not through the relay). */
    private static long[] logEndOffsets(int brokerPort) throws Exception {
        long[] ends = new long[PARTITION_COUNT];
        try (WireClient client = new WireClient(brokerPort)) {
            for (int partition = 0; partition < PARTITION_COUNT; partition++) {
                ListOffsetsResponse response = client.call(ApiKey.LIST_OFFSETS, (short) 7,
                        Requests.listOffsets(TOPIC, partition, Requests.LATEST), ListOffsetsResponse.class);
                var answer = response.topics().get(0).partitions().get(0);
                assertEquals(ErrorCode.NONE.code(), answer.errorCode(), "ListOffsets error for partition " + partition);
                ends[partition] = answer.offset();
            }
        }
        return ends;
    }

    private static void assertAcknowledgedRecordsKept(BitSet[] ackedBeforeKill, long[] recoveredEnds, String when) {
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            int lastAcknowledged = ackedBeforeKill[partition].length() - 1;
            assertTrue(lastAcknowledged < recoveredEnds[partition], when + ": partition " + partition + " recovered to offset "
                    + recoveredEnds[partition] + " but " + value(partition, lastAcknowledged) + " had been acknowledged at offset "
                    + lastAcknowledged);
        }
    }

    /** Records in the recovered log whose acknowledgement never reached the producer before the kill. */
    private static long countUnacknowledged(BitSet[] ackedBeforeKill, long[] recoveredEnds) {
        long count = 0;
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            BitSet acked = ackedBeforeKill[partition];
            for (int offset = acked.nextClearBit(0); offset < recoveredEnds[partition]; offset = acked.nextClearBit(offset + 1)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Reads every partition from offset 0 to {@code ends[p]} and checks that offset {@code o} holds
     * {@code p<p>-<o>}: each record there once, in the order sent, at contiguous offsets. Records
     * past {@code ends} (written meanwhile) are left for a later check.
     */
    private static void assertLogHolds(int port, long[] ends, String when) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            partitions.add(new TopicPartition(TOPIC, partition));
        }
        long[] nextOffsets = new long[PARTITION_COUNT];
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadlineMs = System.currentTimeMillis() + AWAIT_TIMEOUT_MS;
            while (!reached(nextOffsets, ends)) {
                if (System.currentTimeMillis() > deadlineMs) {
                    fail(when + ": read only up to offsets " + Arrays.toString(nextOffsets) + " of " + Arrays.toString(ends)
                            + " within " + AWAIT_TIMEOUT_MS + " ms");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    int partition = record.partition();
                    if (nextOffsets[partition] < ends[partition]) {
                        assertRecordInPlace(record, nextOffsets[partition], when);
                        nextOffsets[partition] = record.offset() + 1;
                    }
                }
            }
        }
    }

    private static boolean reached(long[] nextOffsets, long[] ends) {
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            if (nextOffsets[partition] < ends[partition]) {
                return false;
            }
        }
        return true;
    }

    private static void assertRecordInPlace(ConsumerRecord<String, String> record, long expectedOffset, String when) {
        int partition = record.partition();
        assertEquals(expectedOffset, record.offset(), when + ": partition " + partition + " skips from offset "
                + expectedOffset + " to " + record.offset());
        String expected = value(partition, record.offset());
        if (expected.equals(record.value())) {
            return;
        }
        long storedSequence = sequenceOf(record.value());
        String diagnosis = storedSequence >= 0 && storedSequence < record.offset()
                ? record.value() + " is stored twice, at offset " + storedSequence + " and again here"
                : "records are lost or out of order";
        fail(when + ": partition " + partition + " holds " + record.value() + " at offset " + record.offset() + " where "
                + expected + " belongs: " + diagnosis);
    }

    /** The n of "p<partition>-<n>", or -1 when the value is not one of ours. */
    private static long sequenceOf(String value) {
        try {
            return Long.parseLong(value.substring(value.indexOf('-') + 1));
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }

    private static String value(int partition, long sequence) {
        return "p" + partition + "-" + sequence;
    }

    /**
     * What the producer was told, per partition: which records were acknowledged (at the offset
     * their number says, or the acknowledgement is a problem), and every failure.
     *
     * <p>Thread-safe: filled by the producer's callbacks, read by the test's thread.
     */
    private static final class Acknowledgements {
        /** Enough to see what went wrong; a broken broker can get every record after a crash wrong. */
        private static final int MAX_PROBLEMS_KEPT = 10;

        private final BitSet[] acked = new BitSet[PARTITION_COUNT];
        private final List<String> problems = new ArrayList<>();
        private long problemCount;

        Acknowledgements() {
            for (int partition = 0; partition < PARTITION_COUNT; partition++) {
                acked[partition] = new BitSet();
            }
        }

        synchronized void record(int partition, int sequence, RecordMetadata metadata, Exception error) {
            if (error != null) {
                addProblem(value(partition, sequence) + " failed: " + error);
            } else if (metadata.offset() != sequence) {
                addProblem(value(partition, sequence) + " was acknowledged at offset " + metadata.offset() + ", not " + sequence);
            } else {
                acked[partition].set(sequence);
            }
            notifyAll();
        }

        private void addProblem(String problem) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS_KEPT) {
                problems.add(problem);
            }
        }

        synchronized BitSet[] snapshot() {
            BitSet[] copy = new BitSet[PARTITION_COUNT];
            for (int partition = 0; partition < PARTITION_COUNT; partition++) {
                copy[partition] = (BitSet) acked[partition].clone();
            }
            return copy;
        }

        /** The first few problems and how many there were in all; empty when there were none. */
        synchronized List<String> problems() {
            List<String> summary = new ArrayList<>(problems);
            if (problemCount > problems.size()) {
                summary.add("and " + (problemCount - problems.size()) + " more");
            }
            return summary;
        }

        /** How many records from offset 0 on are acknowledged without a gap. */
        synchronized int acknowledgedPrefix(int partition) {
            return acked[partition].nextClearBit(0);
        }

        /**
         * Waits until, in every partition, each record below {@code ends[p]} is acknowledged and so is
         * at least one at or past it; fails at once on any problem.
         */
        synchronized void awaitContinuation(long[] ends, String when) throws InterruptedException {
            long deadlineMs = System.currentTimeMillis() + AWAIT_TIMEOUT_MS;
            while (!continued(ends)) {
                assertEquals(List.of(), problems(), when + ": what the producer was told");
                long remainingMs = deadlineMs - System.currentTimeMillis();
                if (remainingMs <= 0) {
                    fail(when + ": within " + AWAIT_TIMEOUT_MS + " ms the producer had acknowledgements for offsets below "
                            + Arrays.toString(ends) + " up to " + describePrefixes() + " and none past them in some partition");
                }
                wait(remainingMs);
            }
            assertEquals(List.of(), problems(), when + ": what the producer was told");
        }

        private boolean continued(long[] ends) {
            for (int partition = 0; partition < PARTITION_COUNT; partition++) {
                if (acked[partition].nextClearBit(0) < ends[partition]) {
                    return false;
                }
                if (acked[partition].length() <= ends[partition]) {
                    return false;
                }
            }
            return true;
        }

        private String describePrefixes() {
            int[] prefixes = new int[PARTITION_COUNT];
            for (int partition = 0; partition < PARTITION_COUNT; partition++) {
                prefixes[partition] = acked[partition].nextClearBit(0);
            }
            return Arrays.toString(prefixes);
        }
    }

    /**
     * One idempotent producer with acks=all, sending {@code p<p>-0}, {@code p<p>-1}, ... to each
     * partition in turn from a thread of its own, at a bounded rate and with a bounded number of
     * records unacknowledged.
     * Its delivery timeout is far longer than a restart, so it retries across each crash with the
     * same producer id and sequence numbers.
     */
    private static final class SequenceProducer implements AutoCloseable {
        private static final int MAX_UNACKNOWLEDGED = 5_000;
        /**
         * About one segment roll per partition per second (a record takes about 18 bytes in a batch),
         * while reading the whole log back after every crash stays quick.
         */
        private static final long MAX_RECORDS_PER_SECOND = 50_000;
        private static final long NANOS_PER_SECOND = 1_000_000_000L;
        private static final long RATE_WAIT_MS = 1;
        private static final long ACQUIRE_WAIT_MS = 100;

        private final KafkaProducer<String, String> producer;
        private final Acknowledgements acks;
        private final Semaphore unacknowledged = new Semaphore(MAX_UNACKNOWLEDGED);
        /** Written by the sending thread only; read after joining it. */
        private final int[] sentCounts = new int[PARTITION_COUNT];
        private final Thread thread;
        private volatile boolean stopping;
        private volatile Exception failure;

        private SequenceProducer(int port, Acknowledgements acks) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            config.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
            config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            // Come back quickly once the broker is up again.
            config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "20");
            config.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200");
            config.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "20");
            config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
            this.acks = acks;
            this.thread = new Thread(this::sendUntilStopped, "sequence-producer");
        }

        static SequenceProducer start(int port, Acknowledgements acks) {
            SequenceProducer producer = new SequenceProducer(port, acks);
            producer.thread.start();
            return producer;
        }

        private void sendUntilStopped() {
            try {
                long startNs = System.nanoTime();
                long sentCount = 0;
                int partition = 0;
                while (!stopping) {
                    if (sentCount >= (System.nanoTime() - startNs) * MAX_RECORDS_PER_SECOND / NANOS_PER_SECOND) {
                        Thread.sleep(RATE_WAIT_MS);
                    } else if (unacknowledged.tryAcquire(ACQUIRE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                        send(partition, sentCounts[partition]);
                        sentCounts[partition]++;
                        sentCount++;
                        partition = (partition + 1) % PARTITION_COUNT;
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                failure = e;
            }
        }

        private void send(int partition, int sequence) {
            producer.send(new ProducerRecord<>(TOPIC, partition, null, value(partition, sequence)), (metadata, error) -> {
                unacknowledged.release();
                acks.record(partition, sequence, metadata, error);
            });
        }

        /** Stops sending, waits for every record sent to be answered, and returns how many went to each partition. */
        int[] stopAndFlush() throws Exception {
            stopping = true;
            thread.join();
            producer.flush();
            if (failure != null) {
                throw failure;
            }
            return sentCounts.clone();
        }

        @Override
        public void close() throws InterruptedException {
            stopping = true;
            thread.join();
            producer.close(Duration.ofSeconds(10));
        }
    }
}
