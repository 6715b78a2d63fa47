package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.brook.bench.broker.ReferenceKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ListOffsets by timestamp, differentially: the same records, with the same chosen CreateTime
 * timestamps and in the same batches, go to our broker and to the real Apache Kafka (started with
 * {@code ../shared/tools/reference-kafka}); then seeded random lookups (before the first
 * timestamp, on existing timestamps, between them, after the last) must give the same offset,
 * timestamp and leader epoch on both, through AdminClient listOffsets and through the consumer's
 * offsetsForTimes; so must the max-timestamp (-3), earliest and latest specs.
 *
 * <p>The timestamps are mostly increasing with random gaps, with repeats, records older than
 * earlier ones within a batch and across batches, whole batches older than the previous ones,
 * spikes ahead of the records after them, and the largest timestamp repeated. Batches are flushed
 * one by one so both logs hold the same batches; our broker rolls small segments, Kafka 1 MiB ones
 * (its minimum) with a dense time index. The last partition stays empty.
 *
 * <p>The seed is printed; rerun one with {@code -Dlistoffsets.seed=N}.
 */
class ListOffsetsDifferentialIT {
    private static final String TOPIC = "timestamps";
    private static final int PARTITIONS_WITH_RECORDS = 3;
    /** One more, left empty. */
    private static final int PARTITIONS = PARTITIONS_WITH_RECORDS + 1;
    private static final int RECORDS_PER_PARTITION = 1_400;
    private static final int LOOKUPS_PER_PARTITION = 150;
    private static final int LOOKUPS_ON_EMPTY_PARTITION = 20;
    private static final int MAX_BATCH_RECORDS = 60;
    /** Our segments: about 20 per partition. */
    private static final int BROOK_SEGMENT_BYTES = 64 * 1024;
    /** Well in the past: Kafka 4 rejects timestamps more than an hour ahead of its clock. */
    private static final long BASE_TIMESTAMP = 1_600_000_000_000L;

    @RegisterExtension
    static final BrokerExtension brook = new BrokerExtension().with("log.segment.bytes", Integer.toString(BROOK_SEGMENT_BYTES));

    private static ReferenceKafka kafka;
    private static long seed;
    /** Per partition, the timestamp of each record in offset order. */
    private static final List<long[]> timestamps = new ArrayList<>();

    @BeforeAll
    static void startKafkaAndProduce() throws Exception {
        seed = Long.getLong("listoffsets.seed", System.nanoTime());
        System.out.println("ListOffsetsDifferentialIT: seed " + seed + " (rerun with -Dlistoffsets.seed=" + seed + ")");

        long started = System.nanoTime();
        kafka = ReferenceKafka.start(ReferenceKafkaScript.path(), "512m");
        System.out.printf("ListOffsetsDifferentialIT: Kafka up on %s in %.1f s%n", kafka.bootstrapServers(), seconds(started));

        Random plans = new Random(seed);
        List<List<List<Long>>> batches = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS_WITH_RECORDS; partition++) {
            List<List<Long>> partitionBatches = plan(plans);
            batches.add(partitionBatches);
            timestamps.add(partitionBatches.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray());
        }

        started = System.nanoTime();
        createTopic(brook.bootstrapServers(), Map.of());
        // Kafka's smallest segment (1 MiB), so that it rolls too, and a time index entry every 1 KiB.
        createTopic(kafka.bootstrapServers(), Map.of("segment.bytes", "1048576", "index.interval.bytes", "1024"));
        List<List<Long>> brookOffsets = produce(brook.bootstrapServers(), batches, new Random(seed + 1));
        List<List<Long>> kafkaOffsets = produce(kafka.bootstrapServers(), batches, new Random(seed + 1));
        System.out.printf("ListOffsetsDifferentialIT: produced %d records in %d batches to each broker in %.1f s%n",
                timestamps.stream().mapToInt(t -> t.length).sum(), batches.stream().mapToInt(List::size).sum(), seconds(started));
        assertEquals(kafkaOffsets, brookOffsets, "both brokers assign the same offsets");
        for (int partition = 0; partition < PARTITIONS_WITH_RECORDS; partition++) {
            for (int i = 0; i < brookOffsets.get(partition).size(); i++) {
                assertEquals(i, brookOffsets.get(partition).get(i), "partition " + partition + " has offsets 0, 1, 2, ...");
            }
            Path directory = brook.dataDirectory().resolve(TOPIC + "-" + partition);
            try (Stream<Path> files = Files.list(directory)) {
                long segments = files.filter(file -> file.getFileName().toString().endsWith(".log")).count();
                assertTrue(segments > 5, "our partition " + partition + " has several segments, not " + segments);
            }
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void timestampLookupsGiveTheSameOffsetsOnBothBrokers() throws Exception {
        Random lookupRandom = new Random(seed + 2);
        List<List<Lookup>> lookups = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            lookups.add(lookups(partition, lookupRandom));
        }
        int rounds = lookups.stream().mapToInt(List::size).max().orElseThrow();
        List<String> mismatches = new ArrayList<>();
        Map<Kind, Integer> countByKind = new EnumMap<>(Kind.class);
        int notFound = 0;
        int differentFromFirstAtOrAfter = 0;
        long started = System.nanoTime();
        try (Admin brookAdmin = admin(brook.bootstrapServers()); Admin kafkaAdmin = admin(kafka.bootstrapServers());
                KafkaConsumer<byte[], byte[]> brookConsumer = consumer(brook.bootstrapServers());
                KafkaConsumer<byte[], byte[]> kafkaConsumer = consumer(kafka.bootstrapServers())) {
            for (int round = 0; round < rounds; round++) {
                // One lookup per partition and call: a request may name a partition once.
                Map<TopicPartition, Lookup> batch = new HashMap<>();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    if (round < lookups.get(partition).size()) {
                        batch.put(new TopicPartition(TOPIC, partition), lookups.get(partition).get(round));
                    }
                }
                Map<TopicPartition, Answer> brookAnswers = listOffsets(brookAdmin, batch, lookup -> OffsetSpec.forTimestamp(lookup.target));
                Map<TopicPartition, Answer> kafkaAnswers = listOffsets(kafkaAdmin, batch, lookup -> OffsetSpec.forTimestamp(lookup.target));
                Map<TopicPartition, Answer> brookTimes = offsetsForTimes(brookConsumer, batch);
                Map<TopicPartition, Answer> kafkaTimes = offsetsForTimes(kafkaConsumer, batch);
                for (Map.Entry<TopicPartition, Lookup> entry : batch.entrySet()) {
                    TopicPartition partition = entry.getKey();
                    Lookup lookup = entry.getValue();
                    Answer expected = firstAtOrAfter(partition.partition(), lookup.target);
                    compare("listOffsets", partition, lookup, kafkaAnswers.get(partition), brookAnswers.get(partition), expected, mismatches);
                    compare("offsetsForTimes", partition, lookup, kafkaTimes.get(partition), brookTimes.get(partition), expected, mismatches);
                    countByKind.merge(lookup.kind, 1, Integer::sum);
                    notFound += kafkaAnswers.get(partition).offset == -1 ? 1 : 0;
                    differentFromFirstAtOrAfter += kafkaAnswers.get(partition).sameOffsetAndTimestamp(expected) ? 0 : 1;
                }
            }
        }
        System.out.printf("ListOffsetsDifferentialIT: %d timestamp lookups %s (%d without a record at or after them), "
                        + "each through listOffsets and offsetsForTimes on both brokers, in %.1f s; "
                        + "Kafka differs from 'first record at or after the target' in %d; %d mismatches%n",
                countByKind.values().stream().mapToInt(Integer::intValue).sum(), countByKind, notFound, seconds(started),
                differentFromFirstAtOrAfter, mismatches.size());
        failOn(mismatches);
    }

    @Test
    void maxTimestampEarliestAndLatestAreTheSameOnBothBrokers() throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (Admin brookAdmin = admin(brook.bootstrapServers()); Admin kafkaAdmin = admin(kafka.bootstrapServers())) {
            for (Spec spec : Spec.values()) {
                Map<TopicPartition, Lookup> all = new HashMap<>();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    all.put(new TopicPartition(TOPIC, partition), new Lookup(spec.timestamp, Kind.SPECIAL));
                }
                Map<TopicPartition, Answer> brookAnswers = listOffsets(brookAdmin, all, lookup -> spec.offsetSpec());
                Map<TopicPartition, Answer> kafkaAnswers = listOffsets(kafkaAdmin, all, lookup -> spec.offsetSpec());
                for (TopicPartition partition : all.keySet()) {
                    Answer expected = spec.expected(partition.partition());
                    compare(spec.name(), partition, all.get(partition), kafkaAnswers.get(partition), brookAnswers.get(partition), expected,
                            mismatches);
                }
                System.out.println("ListOffsetsDifferentialIT: " + spec + " on Kafka " + kafkaAnswers + ", on ours " + brookAnswers);
            }
        }
        failOn(mismatches);
    }

    /** Earliest (-2), latest (-1) and max timestamp (-3) for every partition. */
    private enum Spec {
        EARLIEST(-2) {
            @Override
            OffsetSpec offsetSpec() {
                return OffsetSpec.earliest();
            }

            @Override
            Answer expected(int partition) {
                return new Answer(0, -1);
            }
        },
        LATEST(-1) {
            @Override
            OffsetSpec offsetSpec() {
                return OffsetSpec.latest();
            }

            @Override
            Answer expected(int partition) {
                return new Answer(partition < PARTITIONS_WITH_RECORDS ? timestamps.get(partition).length : 0, -1);
            }
        },
        MAX_TIMESTAMP(-3) {
            @Override
            OffsetSpec offsetSpec() {
                return OffsetSpec.maxTimestamp();
            }

            @Override
            Answer expected(int partition) {
                if (partition >= PARTITIONS_WITH_RECORDS) {
                    return Answer.NONE;
                }
                long[] times = timestamps.get(partition);
                int best = 0;
                for (int i = 1; i < times.length; i++) {
                    if (times[i] > times[best]) {
                        best = i;
                    }
                }
                return new Answer(best, times[best]);
            }
        };

        final long timestamp;

        Spec(long timestamp) {
            this.timestamp = timestamp;
        }

        abstract OffsetSpec offsetSpec();

        /** What a plain reading of the records gives. */
        abstract Answer expected(int partition);
    }

    /**
     * Each partition's records as batches of timestamps. A cursor moves forward by small and large
     * gaps; around it come repeats, records older than the cursor (so older than records in earlier
     * batches), spikes ahead of it (so later records are older than the batch's max), batches all of
     * one timestamp and whole batches older than everything recent, in descending order. Finally the
     * largest timestamp is written into a few records, so that it is not unique.
     */
    private static List<List<Long>> plan(Random random) {
        List<List<Long>> batches = new ArrayList<>();
        long cursor = BASE_TIMESTAMP + random.nextInt(1_000_000);
        int count = 0;
        while (count < RECORDS_PER_PARTITION) {
            int size = Math.min(RECORDS_PER_PARTITION - count, random.nextInt(8) == 0 ? 1 : 1 + random.nextInt(MAX_BATCH_RECORDS));
            List<Long> batch = new ArrayList<>();
            int shape = random.nextInt(20);
            if (shape == 0 && count > 0) {
                long timestamp = cursor - 1 - random.nextInt(50_000);
                for (int i = 0; i < size; i++) {
                    batch.add(timestamp);
                    timestamp -= random.nextInt(100);
                }
            } else if (shape == 1) {
                cursor += random.nextInt(1_000);
                for (int i = 0; i < size; i++) {
                    batch.add(cursor);
                }
            } else {
                for (int i = 0; i < size; i++) {
                    int roll = random.nextInt(100);
                    if (roll < 10) {
                        batch.add(cursor);
                    } else if (roll < 20) {
                        batch.add(cursor - 1 - random.nextInt(5_000));
                    } else if (roll < 25) {
                        batch.add(cursor + 1 + random.nextInt(20_000));
                    } else if (roll < 27) {
                        cursor += 1_000_000 + random.nextInt(1_000_000);
                        batch.add(cursor);
                    } else {
                        cursor += 1 + random.nextInt(random.nextBoolean() ? 10 : 2_000);
                        batch.add(cursor);
                    }
                }
            }
            batches.add(batch);
            count += size;
        }
        long max = batches.stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElseThrow();
        long newMax = max + 1 + random.nextInt(1_000);
        for (int i = 0; i < 3; i++) {
            List<Long> batch = batches.get(random.nextInt(batches.size()));
            batch.set(random.nextInt(batch.size()), newMax);
        }
        return batches;
    }

    /**
     * Sends the batches round by round, one batch per partition and round, flushing after each
     * round: the producer lingers long enough that each flush sends exactly the planned batches.
     * Returns each partition's offsets in order.
     */
    private static List<List<Long>> produce(String bootstrapServers, List<List<List<Long>>> batches, Random values) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "60000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1024 * 1024));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        List<List<Future<RecordMetadata>>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            int rounds = batches.stream().mapToInt(List::size).max().orElseThrow();
            for (int partition = 0; partition < batches.size(); partition++) {
                sent.add(new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (int partition = 0; partition < batches.size(); partition++) {
                    if (round >= batches.get(partition).size()) {
                        continue;
                    }
                    for (long timestamp : batches.get(partition).get(round)) {
                        byte[] value = new byte[200 + values.nextInt(1_300)];
                        values.nextBytes(value);
                        sent.get(partition).add(producer.send(new ProducerRecord<>(TOPIC, partition, timestamp, null, value)));
                    }
                }
                producer.flush();
            }
        }
        List<List<Long>> offsets = new ArrayList<>();
        for (List<Future<RecordMetadata>> partition : sent) {
            List<Long> partitionOffsets = new ArrayList<>();
            for (Future<RecordMetadata> metadata : partition) {
                partitionOffsets.add(metadata.get().offset());
            }
            offsets.add(partitionOffsets);
        }
        return offsets;
    }

    /** The target timestamps for a partition, in random order, each tagged with where it falls. */
    private static List<Lookup> lookups(int partition, Random random) {
        List<Lookup> lookups = new ArrayList<>();
        if (partition >= PARTITIONS_WITH_RECORDS) {
            for (int i = 0; i < LOOKUPS_ON_EMPTY_PARTITION; i++) {
                lookups.add(new Lookup(i == 0 ? 0 : BASE_TIMESTAMP + random.nextInt(100_000_000), Kind.EMPTY_PARTITION));
            }
            return lookups;
        }
        long[] times = timestamps.get(partition);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long time : times) {
            min = Math.min(min, time);
            max = Math.max(max, time);
        }
        lookups.add(new Lookup(0, Kind.BEFORE_FIRST));
        lookups.add(new Lookup(min - 1, Kind.BEFORE_FIRST));
        lookups.add(new Lookup(min, Kind.EQUAL));
        lookups.add(new Lookup(max, Kind.EQUAL));
        lookups.add(new Lookup(max + 1, Kind.AFTER_LAST));
        while (lookups.size() < LOOKUPS_PER_PARTITION) {
            int roll = random.nextInt(100);
            long existing = times[random.nextInt(times.length)];
            if (roll < 8) {
                lookups.add(new Lookup(min - 1 - random.nextInt(1_000_000), Kind.BEFORE_FIRST));
            } else if (roll < 45) {
                lookups.add(new Lookup(existing, Kind.EQUAL));
            } else if (roll < 60) {
                lookups.add(classify(times, existing + (random.nextBoolean() ? 1 : -1)));
            } else if (roll < 90) {
                lookups.add(classify(times, min + (long) (random.nextDouble() * (max - min))));
            } else {
                lookups.add(new Lookup(max + 1 + random.nextInt(1_000_000), Kind.AFTER_LAST));
            }
        }
        Collections.shuffle(lookups, random);
        return lookups;
    }

    private static Lookup classify(long[] times, long target) {
        for (long time : times) {
            if (time == target) {
                return new Lookup(target, Kind.EQUAL);
            }
        }
        return new Lookup(target, Kind.BETWEEN);
    }

    /** The plain reading: the first record, in offset order, whose timestamp is at or after the target. */
    private static Answer firstAtOrAfter(int partition, long target) {
        if (partition >= PARTITIONS_WITH_RECORDS) {
            return Answer.NONE;
        }
        long[] times = timestamps.get(partition);
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= target) {
                return new Answer(i, times[i]);
            }
        }
        return Answer.NONE;
    }

    private static Map<TopicPartition, Answer> listOffsets(Admin admin, Map<TopicPartition, Lookup> lookups,
            Function<Lookup, OffsetSpec> spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        lookups.forEach((partition, lookup) -> request.put(partition, spec.apply(lookup)));
        Map<TopicPartition, ListOffsetsResultInfo> infos = admin.listOffsets(request).all().get();
        Map<TopicPartition, Answer> answers = new HashMap<>();
        infos.forEach((partition, info) -> answers.put(partition, new Answer(info.offset(), info.timestamp(), info.leaderEpoch().orElse(-1))));
        return answers;
    }

    /** The consumer answers null where listOffsets answers offset -1. */
    private static Map<TopicPartition, Answer> offsetsForTimes(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Lookup> lookups) {
        Map<TopicPartition, Long> request = new HashMap<>();
        lookups.forEach((partition, lookup) -> request.put(partition, lookup.target));
        Map<TopicPartition, Answer> answers = new HashMap<>();
        consumer.offsetsForTimes(request).forEach((partition, found) -> answers.put(partition, answerOf(found)));
        return answers;
    }

    private static Answer answerOf(OffsetAndTimestamp found) {
        return found == null ? Answer.NONE : new Answer(found.offset(), found.timestamp(), found.leaderEpoch().orElse(-1));
    }

    private static void compare(String call, TopicPartition partition, Lookup lookup, Answer kafkaAnswer, Answer brookAnswer,
            Answer expected, List<String> mismatches) {
        if (kafkaAnswer == null || !kafkaAnswer.equals(brookAnswer)) {
            mismatches.add(String.format("%s partition %d, target %d (%s): Kafka %s, ours %s; a plain reading of the records gives "
                    + "offset %d timestamp %d", call, partition.partition(), lookup.target, lookup.kind, kafkaAnswer, brookAnswer,
                    expected.offset, expected.timestamp));
        }
    }

    private static void failOn(List<String> mismatches) {
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " answers differ between Kafka and our broker (seed " + seed + "):\n  "
                    + String.join("\n  ", mismatches.subList(0, Math.min(30, mismatches.size()))));
        }
    }

    private static void createTopic(String bootstrapServers, Map<String, String> configs) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1).configs(configs))).all().get();
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // Assigned, or offsetsForTimes warns for every partition that it is not.
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            partitions.add(new TopicPartition(TOPIC, partition));
        }
        consumer.assign(partitions);
        return consumer;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private enum Kind {
        BEFORE_FIRST, EQUAL, BETWEEN, AFTER_LAST, EMPTY_PARTITION, SPECIAL
    }

    private record Lookup(long target, Kind kind) {
    }

    private record Answer(long offset, long timestamp, int leaderEpoch) {
        static final Answer NONE = new Answer(-1, -1, -1);

        Answer(long offset, long timestamp) {
            this(offset, timestamp, -1);
        }

        boolean sameOffsetAndTimestamp(Answer other) {
            return offset == other.offset && timestamp == other.timestamp;
        }

        @Override
        public String toString() {
            return "offset " + offset + " timestamp " + timestamp + " epoch " + leaderEpoch;
        }
    }
}
