package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten consumers waiting at the log end in long poll keep the broker's CPU near zero: their fetches
 * park on timers until fetch.max.wait.ms, nothing spins. The broker runs in a child JVM so that its
 * CPU time is its own.
 */
class IdleConsumersIT {
    private static final int CONSUMERS = 10;
    private static final long SETTLE_MS = 3_000;
    private static final long MEASURE_MS = 5_000;
    /** A tenth of one core; a spinning loop would take the whole core (or two). */
    private static final double MAX_CORE_SHARE = 0.10;

    @TempDir
    Path workDirectory;

    @Test
    void tenConsumersInLongPollKeepTheBrokersCpuNearZero() throws Exception {
        Map<String, String> settings = Map.of("listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", workDirectory.resolve("data").toString());
        try (ChildBroker broker = new ChildBroker(workDirectory, settings)) {
            String bootstrap = "127.0.0.1:" + broker.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("idle", 1, (short) 1))).all().get();
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong polls = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> consumers = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++) {
                Thread consumer = new Thread(() -> pollUntilStopped(bootstrap, running, polls, failure), "idle-consumer-" + i);
                consumer.start();
                consumers.add(consumer);
            }
            try {
                Thread.sleep(SETTLE_MS);
                Duration cpuBefore = broker.cpuTime();
                long pollsBefore = polls.get();
                Thread.sleep(MEASURE_MS);
                Duration used = broker.cpuTime().minus(cpuBefore);
                long pollsDuring = polls.get() - pollsBefore;
                double coreShare = used.toNanos() / (MEASURE_MS * 1_000_000.0);
                System.out.printf("%d idle consumers: the broker used %d ms of CPU in %d ms (%.1f%% of a core) over %d polls%n",
                        CONSUMERS, used.toMillis(), MEASURE_MS, 100 * coreShare, pollsDuring);
                assertTrue(pollsDuring >= CONSUMERS, "the consumers kept polling: " + pollsDuring);
                assertTrue(coreShare < MAX_CORE_SHARE, "the broker used " + used.toMillis() + " ms of CPU in " + MEASURE_MS
                        + " ms with only idle consumers:\n" + broker.log());
            } finally {
                running.set(false);
                for (Thread consumer : consumers) {
                    consumer.join();
                }
            }
            assertEquals(null, failure.get(), "a consumer failed");
            assertTrue(broker.isAlive());
        }
    }

    private static void pollUntilStopped(String bootstrap, AtomicBoolean running, AtomicLong polls, AtomicReference<Throwable> failure) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            consumer.assign(List.of(new TopicPartition("idle", 0)));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200));
                polls.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            // A plain close would wait out the fetch parked at the log end.
            consumer.close(Duration.ZERO);
        }
    }
}
