package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.FetchResponse.PartitionData;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.wire.ByteBufRecords;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long poll: a fetch at the log end parks, and the append of new data answers it, long before its
 * MaxWaitMs; a fetch whose MinBytes are not reached waits MaxWaitMs out and returns what there is.
 */
class LongPollFetchIT {
    private static final short FETCH_VERSION = 12;
    private static final short PRODUCE_VERSION = 9;
    /** Far longer than any wake-up takes: a response before it was woken by the append. */
    private static final int LONG_WAIT_MS = 30_000;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension();

    @Test
    void aFetchParkedAtTheLogEndIsAnsweredByTheNextAppend() throws Exception {
        String topic = "woken";
        try (WireClient consumer = new WireClient(broker.port()); WireClient producer = new WireClient(broker.port())) {
            produce(producer, topic, 3);
            long sentNs = System.nanoTime();
            consumer.send(ApiKey.FETCH, FETCH_VERSION, 1, Requests.fetch(topic, 0, 3).setMaxWaitMs(LONG_WAIT_MS).setMinBytes(1));
            // Give the fetch time to park; an append that came first would answer it as well.
            Thread.sleep(200);
            produce(producer, topic, 2);
            FetchResponse response = (FetchResponse) consumer.receive(ApiKey.FETCH, FETCH_VERSION).body();
            long waitedMs = (System.nanoTime() - sentNs) / 1_000_000;
            PartitionData partition = response.responses().get(0).partitions().get(0);
            assertEquals(ErrorCode.NONE.code(), partition.errorCode());
            assertEquals(5, partition.highWatermark());
            assertTrue(((ByteBufRecords) partition.records()).buffer().readableBytes() > 0, "the new batch is in the answer");
            assertTrue(waitedMs < LONG_WAIT_MS / 2, "answered by the append, not the " + LONG_WAIT_MS + " ms wait: " + waitedMs + " ms");
        }
    }

    @Test
    void aFetchShortOfItsMinBytesWaitsOutMaxWaitAndReturnsWhatThereIs() throws Exception {
        String topic = "patient";
        int maxWaitMs = 500;
        try (WireClient client = new WireClient(broker.port())) {
            produce(client, topic, 1);
            long sentNs = System.nanoTime();
            FetchResponse response = client.call(ApiKey.FETCH, FETCH_VERSION,
                    Requests.fetch(topic, 0, 0).setMaxWaitMs(maxWaitMs).setMinBytes(1 << 20), FetchResponse.class);
            long waitedMs = (System.nanoTime() - sentNs) / 1_000_000;
            PartitionData partition = response.responses().get(0).partitions().get(0);
            assertEquals(ErrorCode.NONE.code(), partition.errorCode());
            assertTrue(((ByteBufRecords) partition.records()).buffer().readableBytes() > 0, "what there is comes back");
            assertTrue(waitedMs >= maxWaitMs - 50, "MinBytes was not reached, so MaxWaitMs is waited out: " + waitedMs + " ms");
        }
    }

    @Test
    void aKafkaConsumerWithALongFetchWaitGetsNewRecordsWithoutWaitingItOut() throws Exception {
        String topic = "consumed";
        TopicPartition partition = new TopicPartition(topic, 0);
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        consumerProperties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(LONG_WAIT_MS));
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new StringDeserializer());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, null, "first")).get();
            consumer.assign(List.of(partition));
            assertEquals("first", pollOne(consumer, Duration.ofSeconds(LONG_WAIT_MS / 1000)).iterator().next().value());
            // The consumer's next fetch now parks at the log end.
            consumer.poll(Duration.ofMillis(300));
            long sentNs = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, 0, null, "second")).get();
            ConsumerRecords<String, String> records = pollOne(consumer, Duration.ofMillis(LONG_WAIT_MS / 2));
            long waitedMs = (System.nanoTime() - sentNs) / 1_000_000;
            assertEquals("second", records.iterator().next().value());
            assertTrue(waitedMs < LONG_WAIT_MS / 2, "woken by the append, not fetch.max.wait.ms: " + waitedMs + " ms");
        } finally {
            // A plain close would wait for the fetch parked at the log end, up to its long wait.
            consumer.close(Duration.ZERO);
        }
    }

    private static ConsumerRecords<String, String> pollOne(KafkaConsumer<String, String> consumer, Duration within) {
        long deadlineNs = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadlineNs) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
            if (!records.isEmpty()) {
                return records;
            }
        }
        throw new AssertionError("no record within " + within);
    }

    private static void produce(WireClient client, String topic, int records) throws Exception {
        ProduceResponse response = client.call(ApiKey.PRODUCE, PRODUCE_VERSION,
                Requests.produce(topic, 0, (short) 1, TestBatches.plain(records)), ProduceResponse.class);
        assertEquals(ErrorCode.NONE.code(), response.responses().get(0).partitionResponses().get(0).errorCode());
    }
}
