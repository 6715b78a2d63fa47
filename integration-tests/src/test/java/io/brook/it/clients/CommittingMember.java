package io.brook.it.clients;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/**
 * A group member on a thread of its own that counts every value it sees, commits with
 * {@code commitSync} after each poll that returned records, and commits the positions of the
 * partitions it is about to give up, so that their next owner starts right after what it
 * processed: together, every record once. Uses only what kafka-clients 3.9 and 4.x both have.
 */
public final class CommittingMember implements ConsumerRebalanceListener {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long STOP_WAIT_MS = 30_000;

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Integer> seen;
    private final Consumer<KafkaConsumer<String, String>> close;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile int consumedCount;
    private final Thread thread;

    private CommittingMember(KafkaConsumer<String, String> consumer, String topic, Map<String, Integer> seen,
                             Consumer<KafkaConsumer<String, String>> close) {
        this.consumer = consumer;
        this.seen = seen;
        this.close = close;
        this.thread = new Thread(() -> run(topic), "group-member");
    }

    /**
     * Starts consuming {@code topic} with {@code consumer} (which names the group), counting values
     * into {@code seen}; {@code close} closes the consumer when the member stops.
     */
    public static CommittingMember start(KafkaConsumer<String, String> consumer, String topic, Map<String, Integer> seen,
                                         Consumer<KafkaConsumer<String, String>> close) {
        CommittingMember member = new CommittingMember(consumer, topic, seen, close);
        member.thread.start();
        return member;
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), this);
            while (running.get()) {
                int polled = 0;
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    seen.merge(record.value(), 1, Integer::sum);
                    polled++;
                }
                consumedCount += polled;
                if (polled > 0) {
                    commitProcessed();
                }
                assignment.set(Set.copyOf(consumer.assignment()));
            }
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            close.accept(consumer);
        }
    }

    private void commitProcessed() {
        try {
            consumer.commitSync();
        } catch (RebalanceInProgressException e) {
            // poll returned mid-rebalance; the next poll finishes it, and a revocation commits
            // what this member processed of the partitions that move.
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Positions come from the group's committed offsets, or auto.offset.reset without one.
    }

    public Set<TopicPartition> assignment() {
        return assignment.get();
    }

    public Throwable failure() {
        return failure.get();
    }

    public int consumedCount() {
        return consumedCount;
    }

    /** Stops polling and waits for the thread, which closes the consumer on its way out. */
    public void stop() throws InterruptedException {
        running.set(false);
        thread.join(STOP_WAIT_MS);
    }
}
