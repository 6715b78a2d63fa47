package io.brook.it.clients;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Produces records with keys, values, headers and explicit timestamps through a default-config
 * KafkaProducer (idempotence on; a compression type may be chosen), then reads them back with a group-less KafkaConsumer (assign and
 * seekToBeginning) and compares every record with what was sent, offset by offset.
 *
 * <p>Uses only client API that is the same in kafka-clients 3.9 and 4.x, and returns only JDK
 * types, so it also runs in a class loader that holds kafka-clients 3.9 instead of 4.x.
 */
public final class ProduceConsumeRoundTrip {
    private static final int MAX_REPORTED_MISMATCHES = 20;
    private static final long BASE_TIMESTAMP_MS = 1_700_000_000_000L;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long CONSUME_DEADLINE_MS = 120_000;

    private ProduceConsumeRoundTrip() {
    }

    /**
     * Returns the client version, then a line per problem found (none when every record came back
     * exactly, at offsets 0..n-1 of its partition, in order).
     */
    public static List<String> run(String bootstrapServers, String topic, int partitions, int recordCount) throws Exception {
        return run(bootstrapServers, topic, partitions, recordCount, "none");
    }

    /** As {@link #run(String, String, int, int)}, with the producer's {@code compression.type} set. */
    public static List<String> run(String bootstrapServers, String topic, int partitions, int recordCount, String compressionType)
            throws Exception {
        List<String> report = new ArrayList<>();
        report.add(AppInfoParser.getVersion());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        int[] sentPartition = new int[recordCount];
        long[] sentOffset = new long[recordCount];
        produce(bootstrapServers, topic, compressionType, recordCount, sentPartition, sentOffset, report);
        Map<String, Integer> indexByPosition = new HashMap<>();
        long[] expectedPerPartition = new long[partitions];
        for (int i = 0; i < recordCount; i++) {
            indexByPosition.put(sentPartition[i] + "@" + sentOffset[i], i);
            expectedPerPartition[sentPartition[i]]++;
        }
        consumeAndCompare(bootstrapServers, topic, partitions, recordCount, indexByPosition, expectedPerPartition, report);
        return report;
    }

    static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int i) {
        return ("value-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
    }

    static List<Header> headers(int i) {
        return List.of(new RecordHeader("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("empty", new byte[0]));
    }

    private static void produce(String bootstrapServers, String topic, String compressionType, int recordCount, int[] partition,
                                long[] offset, List<String> report) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < recordCount; i++) {
                int index = i;
                producer.send(new ProducerRecord<>(topic, null, BASE_TIMESTAMP_MS + i, key(i), value(i), headers(i)),
                        (metadata, exception) -> {
                            if (exception != null) {
                                failure.compareAndSet(null, exception);
                                return;
                            }
                            partition[index] = metadata.partition();
                            offset[index] = metadata.offset();
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            report.add("a send failed: " + failure.get());
        }
    }

    private static void consumeAndCompare(String bootstrapServers, String topic, int partitions, int recordCount,
                                          Map<String, Integer> indexByPosition, long[] expectedPerPartition,
                                          List<String> report) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(topic, p));
        }
        long[] nextOffset = new long[partitions];
        int consumed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.currentTimeMillis() + CONSUME_DEADLINE_MS;
            while (consumed < recordCount && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    consumed++;
                    int p = record.partition();
                    if (record.offset() != nextOffset[p]) {
                        mismatch(report, "partition " + p + ": offset " + record.offset() + " where " + nextOffset[p] + " was expected");
                    }
                    nextOffset[p] = record.offset() + 1;
                    compare(record, indexByPosition.get(p + "@" + record.offset()), report);
                }
            }
        }
        if (consumed != recordCount) {
            report.add("consumed " + consumed + " records, sent " + recordCount);
        }
        for (int p = 0; p < partitions; p++) {
            if (nextOffset[p] != expectedPerPartition[p]) {
                report.add("partition " + p + " ended at offset " + nextOffset[p] + ", expected " + expectedPerPartition[p]);
            }
        }
    }

    private static void compare(ConsumerRecord<byte[], byte[]> record, Integer index, List<String> report) {
        String where = "partition " + record.partition() + " offset " + record.offset();
        if (index == null) {
            mismatch(report, where + ": no record was acknowledged at this position");
            return;
        }
        if (!Arrays.equals(record.key(), key(index)) || !Arrays.equals(record.value(), value(index))) {
            mismatch(report, where + ": key or value differs from record " + index);
        }
        if (record.timestamp() != BASE_TIMESTAMP_MS + index) {
            mismatch(report, where + ": timestamp " + record.timestamp() + ", sent " + (BASE_TIMESTAMP_MS + index));
        }
        Header[] headers = record.headers().toArray();
        List<Header> sent = headers(index);
        boolean sameHeaders = headers.length == sent.size();
        for (int h = 0; sameHeaders && h < headers.length; h++) {
            sameHeaders = headers[h].key().equals(sent.get(h).key()) && Arrays.equals(headers[h].value(), sent.get(h).value());
        }
        if (!sameHeaders) {
            mismatch(report, where + ": headers differ from record " + index);
        }
    }

    private static void mismatch(List<String> report, String problem) {
        if (report.size() <= MAX_REPORTED_MISMATCHES) {
            report.add(problem);
        }
    }
}
