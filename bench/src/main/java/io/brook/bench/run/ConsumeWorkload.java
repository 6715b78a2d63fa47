package io.brook.bench.run;

import io.brook.bench.measure.BrokerProcessSampler;
import io.brook.bench.measure.Clock;
import io.brook.bench.measure.Throughput;
import io.brook.bench.result.WorkloadResult;
import io.brook.bench.workload.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Drains a pre-filled topic from the start with one group-less consumer. The prefill is not
 * measured. The consumer's warm-up is its first {@code warmupMs} or first quarter of the records,
 * whichever ends sooner (a fast broker may drain the topic before a fixed warm-up would end); the
 * measured part runs from there to the last record or to {@code measureMs}.
 */
final class ConsumeWorkload {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final int WARMUP_FRACTION_DIVISOR = 4;
    /** Give up on a drain that stalls for this long. */
    private static final long STALL_LIMIT_NS = TimeUnit.SECONDS.toNanos(30);
    /** Prefill in large batches: only the drain is measured. */
    private static final Map<String, String> PREFILL_SETTINGS = Map.of(
            ProducerConfig.ACKS_CONFIG, "1",
            ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));

    private ConsumeWorkload() {
    }

    static WorkloadResult run(WorkloadSpec spec, RunContext context) throws Exception {
        String topic = context.topicFor(spec.name());
        Clients.createTopic(context, topic, spec.partitions());
        long recordCount = Math.max(1, spec.prefillBytes() / spec.recordSizeBytes());
        prefill(context, topic, spec, recordCount);
        return drain(context, topic, spec, recordCount);
    }

    private static void prefill(RunContext context, String topic, WorkloadSpec spec, long recordCount) {
        Payloads payloads = new Payloads(spec.recordSizeBytes());
        AtomicReference<Exception> failure = new AtomicReference<>();
        LiveCounters written = new LiveCounters();
        Progress.Line line = context.progress().start(context.label(spec.name()) + " prefill", new Progress.Source() {
            @Override
            public String phase() {
                return "prefill";
            }

            @Override
            public Throughput measuredSoFar() {
                return new Throughput(written.records(), written.bytes(), 0);
            }
        });
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(context, PREFILL_SETTINGS)) {
            for (long index = 0; index < recordCount && failure.get() == null; index++) {
                byte[] value = payloads.get(index);
                producer.send(new ProducerRecord<>(topic, value), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        written.add(1, value.length);
                    }
                });
            }
            producer.flush();
        }
        line.finish();
        if (failure.get() != null) {
            throw new IllegalStateException(spec.name() + ": the prefill failed", failure.get());
        }
    }

    private static WorkloadResult drain(RunContext context, String topic, WorkloadSpec spec, long recordCount) {
        Clock clock = context.clock();
        long warmupNs = TimeUnit.MILLISECONDS.toNanos(spec.warmupMs());
        long measureNs = TimeUnit.MILLISECONDS.toNanos(spec.measureMs());
        long warmupRecords = recordCount / WARMUP_FRACTION_DIVISOR;
        DrainState state = new DrainState(clock);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < spec.partitions(); partition++) {
            partitions.add(new TopicPartition(topic, partition));
        }
        try (BrokerProcessSampler broker = new BrokerProcessSampler(context.procFs(), context.brokerPid());
             KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(context)) {
            Progress.Line line = context.progress().start(context.label(spec.name()), state);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long startNs = clock.nanoTime();
            long lastProgressNs = startNs;
            long consumed = 0;
            while (consumed < recordCount && !state.measuredFor(measureNs)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                long nowNs = clock.nanoTime();
                if (records.isEmpty()) {
                    if (nowNs - lastProgressNs > STALL_LIMIT_NS) {
                        throw new IllegalStateException(spec.name() + ": no records for 30 s after " + consumed + " of " + recordCount);
                    }
                    continue;
                }
                lastProgressNs = nowNs;
                consumed += records.count();
                if (state.measuring()) {
                    long bytes = 0;
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        bytes += record.value().length;
                    }
                    state.add(records.count(), bytes, nowNs);
                } else if (nowNs - startNs >= warmupNs || consumed >= warmupRecords) {
                    // This poll's records still belong to the warm-up: the clock starts now.
                    state.startMeasuring(nowNs);
                    broker.markMeasureStart();
                }
            }
            broker.markMeasureEnd();
            line.finish();
            return new WorkloadResult(context.brokerName(), context.run(), spec.name(), state.measuredSoFar(), null,
                    broker.measuredCpuSeconds(), broker.peakRssBytes(), 0);
        }
    }

    /** The measured part of a drain: from the first poll after warm-up to the last record counted. */
    private static final class DrainState implements Progress.Source {
        private final Clock clock;
        private final LiveCounters counted = new LiveCounters();
        private volatile long measureStartNs;
        private volatile long lastRecordNs;
        private volatile boolean measuring;

        DrainState(Clock clock) {
            this.clock = clock;
        }

        boolean measuring() {
            return measuring;
        }

        void startMeasuring(long nowNs) {
            measureStartNs = nowNs;
            lastRecordNs = nowNs;
            measuring = true;
        }

        void add(long records, long bytes, long nowNs) {
            counted.add(records, bytes);
            lastRecordNs = nowNs;
        }

        boolean measuredFor(long measureNs) {
            return measuring && clock.nanoTime() - measureStartNs >= measureNs;
        }

        @Override
        public String phase() {
            return measuring ? "measuring" : "warm-up";
        }

        @Override
        public Throughput measuredSoFar() {
            return new Throughput(counted.records(), counted.bytes(), measuring ? lastRecordNs - measureStartNs : 0);
        }
    }
}
