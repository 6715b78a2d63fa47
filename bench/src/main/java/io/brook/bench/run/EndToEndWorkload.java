package io.brook.bench.run;

import io.brook.bench.measure.BrokerProcessSampler;
import io.brook.bench.measure.Clock;
import io.brook.bench.measure.IntendedSchedule;
import io.brook.bench.measure.LatencyRecorder;
import io.brook.bench.measure.MeasurementWindow;
import io.brook.bench.measure.Throughput;
import io.brook.bench.result.WorkloadResult;
import io.brook.bench.workload.WorkloadSpec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Produce-to-consume latency at a fixed rate. Each record carries its intended send time (from an
 * {@link IntendedSchedule}); the consumer, in the same JVM and so on the same monotonic clock,
 * records now minus that intended time. A sender that falls behind (a stall in the producer or
 * the broker) keeps the schedule, so the stall shows as latency instead of vanishing from the
 * figures (coordinated omission). Records whose intended time falls in the warm-up do not count.
 */
final class EndToEndWorkload {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** How long to wait for the last measured records after the sender stops. */
    private static final long DRAIN_LIMIT_NS = TimeUnit.SECONDS.toNanos(15);
    /** Latency, not batching: send each record at once. */
    private static final String LINGER_MS = "0";

    private EndToEndWorkload() {
    }

    static WorkloadResult run(WorkloadSpec spec, RunContext context, double recordsPerSecond) throws Exception {
        String topic = context.topicFor(spec.name());
        Clients.createTopic(context, topic, spec.partitions());
        Clock clock = context.clock();
        MeasurementWindow window = new MeasurementWindow(clock,
                TimeUnit.MILLISECONDS.toNanos(spec.warmupMs()), TimeUnit.MILLISECONDS.toNanos(spec.measureMs()));
        Payloads filler = new Payloads(spec.recordSizeBytes());
        LiveCounters measured = new LiveCounters();
        LatencyRecorder latency = new LatencyRecorder();
        Map<String, String> settings = Map.of(
                ProducerConfig.ACKS_CONFIG, spec.acks(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, spec.compression(),
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (BrokerProcessSampler broker = new BrokerProcessSampler(context.procFs(), context.brokerPid());
             KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(context);
             KafkaProducer<byte[], byte[]> producer = Clients.producer(context, settings)) {
            List<TopicPartition> partitions = partitionsOf(topic, spec.partitions());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Progress.Line line = context.progress().start(context.label(spec.name()), ProduceWorkload.source(window, measured));
            window.start();
            broker.watch(window, clock);
            IntendedSchedule schedule = new IntendedSchedule(clock.nanoTime(), recordsPerSecond);
            AtomicLong sentInWindow = new AtomicLong();
            Thread sender = new Thread(() -> send(producer, topic, schedule, window, filler, failure, sentInWindow, clock), "e2e-sender");
            sender.start();
            receive(consumer, window, latency, measured, sender, sentInWindow, clock);
            sender.join();
            line.finish();
            if (failure.get() != null) {
                throw new IllegalStateException(spec.name() + ": a send failed", failure.get());
            }
            return new WorkloadResult(context.brokerName(), context.run(), spec.name(),
                    new Throughput(measured.records(), measured.bytes(), window.measureNs()), latency.summarize(),
                    broker.measuredCpuSeconds(), broker.peakRssBytes(), recordsPerSecond);
        }
    }

    private static List<TopicPartition> partitionsOf(String topic, int count) {
        return IntStream.range(0, count).mapToObj(partition -> new TopicPartition(topic, partition)).toList();
    }

    /**
     * Sends record i at its intended time, never skipping one, until intended times pass the
     * window; counts the records whose intended time lies inside it.
     */
    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, IntendedSchedule schedule,
                             MeasurementWindow window, Payloads filler, AtomicReference<Exception> failure,
                             AtomicLong sentInWindow, Clock clock) {
        for (long index = 0; failure.get() == null; index++) {
            long intendedNs = schedule.intendedNs(index);
            if (intendedNs - window.measureEndNs() >= 0) {
                break;
            }
            long waitNs = intendedNs - clock.nanoTime();
            if (waitNs > 0) {
                LockSupport.parkNanos(waitNs);
            }
            byte[] value = filler.get(index).clone();
            ByteBuffer.wrap(value).putLong(0, intendedNs);
            producer.send(new ProducerRecord<>(topic, value), (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                }
            });
            if (window.contains(intendedNs)) {
                sentInWindow.incrementAndGet();
            }
        }
        producer.flush();
    }

    /**
     * Polls until the sender is done and every record it sent for the measured part has arrived,
     * or until a drain limit passes after the sender stops.
     */
    private static void receive(KafkaConsumer<byte[], byte[]> consumer, MeasurementWindow window, LatencyRecorder latency,
                                LiveCounters measured, Thread sender, AtomicLong sentInWindow, Clock clock) {
        long drainDeadlineNs = 0;
        boolean draining = false;
        while (true) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                long receivedNs = clock.nanoTime();
                long intendedNs = ByteBuffer.wrap(record.value()).getLong(0);
                if (window.contains(intendedNs)) {
                    latency.record(intendedNs, receivedNs);
                    measured.add(1, record.value().length);
                }
            }
            if (!draining && !sender.isAlive()) {
                draining = true;
                drainDeadlineNs = clock.nanoTime() + DRAIN_LIMIT_NS;
            }
            if (draining && (measured.records() >= sentInWindow.get() || clock.nanoTime() - drainDeadlineNs >= 0)) {
                return;
            }
        }
    }
}
