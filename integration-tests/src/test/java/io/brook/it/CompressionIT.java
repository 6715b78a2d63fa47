package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.wire.ByteBufRecords;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compressed batches from kafka-clients: every codec round-trips and is stored as sent; the
 * broker decompresses each batch to walk its records, so a garbage payload behind a valid CRC, or
 * one that would expand past compression.max.decompressed.batch.bytes, is CORRUPT_MESSAGE with
 * nothing written; ListOffsets by timestamp reads the records inside compressed batches.
 */
class CompressionIT {
    private static final int RECORDS = 2_000;
    private static final int MAX_DECOMPRESSED_BYTES = 1 << 20;
    private static final short PRODUCE_VERSION = 9;

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension()
            .with("compression.max.decompressed.batch.bytes", Integer.toString(MAX_DECOMPRESSED_BYTES));

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void everyCodecRoundTripsAndIsStoredAsSent(String codec) throws Exception {
        String topic = "compressed-" + codec;
        Properties properties = producerProperties();
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, "key-" + i, "value-" + i + "-" + "x".repeat(i % 50));
                record.headers().add(new RecordHeader("h", ("header-" + i).getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> consumed = consumeAll(topic, RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            ConsumerRecord<String, String> record = consumed.get(i);
            assertEquals(i, record.offset());
            assertEquals("key-" + i, record.key());
            assertEquals("value-" + i + "-" + "x".repeat(i % 50), record.value());
            assertEquals("header-" + i, new String(record.headers().lastHeader("h").value(), StandardCharsets.UTF_8));
        }
        assertEquals(Set.of(codec), storedCodecs(topic), "batches are stored as the producer compressed them");
    }

    @Test
    void aZstdTopicStoresZstdBatchesWhateverTheProducerSent() throws Exception {
        String topic = "stored-as-zstd";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("compression.type", "zstd")))).all().get();
        }
        int perProducer = RECORDS / 2;
        for (String producerCodec : List.of("none", "lz4")) {
            Properties properties = producerProperties();
            properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producerCodec);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < perProducer; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, producerCodec + "-" + i, "value-" + producerCodec + "-" + i));
                }
                producer.flush();
            }
        }
        assertEquals(Set.of("zstd"), storedCodecs(topic), "recompressed to the topic's codec");
        List<ConsumerRecord<String, String>> consumed = consumeAll(topic, 2 * perProducer);
        for (int i = 0; i < 2 * perProducer; i++) {
            String codec = i < perProducer ? "none" : "lz4";
            int index = i % perProducer;
            assertEquals(codec + "-" + index, consumed.get(i).key());
            assertEquals("value-" + codec + "-" + index, consumed.get(i).value());
        }
        broker.stop();
        try {
            String dump = dumpLog(broker.dataDirectory().resolve(topic + "-0"));
            assertTrue(dump.contains("compresscodec: zstd"), "Kafka's DumpLogSegments sees zstd batches:\n" + dump);
            assertFalse(dump.contains("compresscodec: none") || dump.contains("compresscodec: lz4") || dump.contains("isvalid: false"),
                    "every batch is zstd and valid:\n" + dump);
        } finally {
            broker.start();
        }
    }

    /** Kafka's DumpLogSegments over the first segment of a partition directory, with its records decoded. */
    private static String dumpLog(Path partition) throws Exception {
        Path log;
        try (var files = Files.list(partition)) {
            log = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().findFirst().orElseThrow();
        }
        Process process = new ProcessBuilder(ReferenceKafkaScript.path().toString(), "dump-log", "--deep-iteration", "--files", log.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "DumpLogSegments did not finish");
        assertEquals(0, process.exitValue(), "DumpLogSegments failed:\n" + output);
        return output;
    }

    @Test
    void aGarbagePayloadBehindAValidCrcIsCorruptAndNothingIsWritten() throws Exception {
        String topic = "garbage";
        try (WireClient client = new WireClient(broker.port())) {
            assertEquals(ErrorCode.NONE.code(), produce(client, topic, batch(Compression.NONE, "first")));
            Random random = new Random(11);
            for (Compression compression : List.of(Compression.gzip().build(), Compression.snappy().build(),
                    Compression.lz4().build(), Compression.zstd().build())) {
                ByteBuf damaged = batch(compression, "a", "b", "c").buffer();
                for (int i = RecordBatchView.RECORDS_OFFSET; i < damaged.writerIndex(); i++) {
                    damaged.setByte(i, random.nextInt(256));
                }
                io.brook.protocol.testing.TestBatches.recomputeCrc(damaged);
                assertEquals(ErrorCode.CORRUPT_MESSAGE.code(), produce(client, topic, new ByteBufRecords(damaged)), compression.type().name);
            }
            client.assertStillServing();
        }
        assertEquals(1, latest(topic), "only the healthy batch was written");
    }

    @Test
    void aBatchThatWouldDecompressPastTheLimitIsRefused() throws Exception {
        String topic = "bomb";
        Properties properties = producerProperties();
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 << 20));
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(8 << 20));
        properties.put(ProducerConfig.RETRIES_CONFIG, "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, null, "small")).get();
            String zeros = "0".repeat(2 * MAX_DECOMPRESSED_BYTES);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(topic, 0, null, zeros)).get());
            assertInstanceOf(CorruptRecordException.class, refused.getCause());
            producer.send(new ProducerRecord<>(topic, 0, null, "after")).get();
        }
        assertEquals(2, latest(topic), "the oversized batch was not written; the producer went on");
    }

    @Test
    void listOffsetsByTimestampReadsTheRecordsInsideCompressedBatches() throws Exception {
        String topic = "timed-zstd";
        long base = System.currentTimeMillis() - 60_000;
        Properties properties = producerProperties();
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, base + i * 100L, null, "v" + i));
            }
            producer.flush();
        }
        assertEquals(Set.of("zstd"), storedCodecs(topic));
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var found = admin.listOffsets(Map.of(partition, OffsetSpec.forTimestamp(base + 450))).partitionResult(partition).get();
            assertEquals(5, found.offset(), "the first record at or after the target, inside the batch");
            assertEquals(base + 500, found.timestamp());
        }
    }

    private static short produce(WireClient client, String topic, ByteBufRecords records) throws Exception {
        ProduceResponse response = client.call(ApiKey.PRODUCE, PRODUCE_VERSION, Requests.produce(topic, 0, (short) 1, records),
                ProduceResponse.class);
        return response.responses().get(0).partitionResponses().get(0).errorCode();
    }

    private static ByteBufRecords batch(Compression compression, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(System.currentTimeMillis(), null, values[i].getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer built = MemoryRecords.withRecords(compression, records).buffer();
        byte[] bytes = new byte[built.remaining()];
        built.get(bytes);
        return new ByteBufRecords(Unpooled.wrappedBuffer(bytes));
    }

    /** The codecs of the batches stored for partition 0 of {@code topic}. */
    private static Set<String> storedCodecs(String topic) throws Exception {
        return Set.copyOf(StoredBatches.codecs(broker.dataDirectory(), topic, 0));
    }

    private static long latest(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadlineNs = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumed.size() < count && System.nanoTime() < deadlineNs) {
                consumer.poll(Duration.ofMillis(200)).forEach(consumed::add);
            }
        }
        assertEquals(count, consumed.size(), "records read back");
        return consumed;
    }

    private static Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return properties;
    }
}
