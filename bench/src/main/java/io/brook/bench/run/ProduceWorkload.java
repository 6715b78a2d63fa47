package io.brook.bench.run;

import io.brook.bench.measure.BrokerProcessSampler;
import io.brook.bench.measure.Clock;
import io.brook.bench.measure.LatencyRecorder;
import io.brook.bench.measure.MeasurementWindow;
import io.brook.bench.measure.Throughput;
import io.brook.bench.result.WorkloadResult;
import io.brook.bench.workload.WorkloadSpec;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One producer sending as fast as it can. A record counts when its acknowledgement arrives inside
 * the measured part; its latency runs from send() to the acknowledgement, as Kafka's
 * ProducerPerformance measures it.
 */
final class ProduceWorkload {
    private ProduceWorkload() {
    }

    static WorkloadResult run(WorkloadSpec spec, RunContext context) throws Exception {
        String topic = context.topicFor(spec.name());
        Clients.createTopic(context, topic, spec.partitions());
        Clock clock = context.clock();
        MeasurementWindow window = new MeasurementWindow(clock,
                TimeUnit.MILLISECONDS.toNanos(spec.warmupMs()), TimeUnit.MILLISECONDS.toNanos(spec.measureMs()));
        LiveCounters measured = new LiveCounters();
        LatencyRecorder latency = new LatencyRecorder();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Payloads payloads = new Payloads(spec.recordSizeBytes());
        Map<String, String> settings = Map.of(
                ProducerConfig.ACKS_CONFIG, spec.acks(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, spec.compression());
        try (BrokerProcessSampler broker = new BrokerProcessSampler(context.procFs(), context.brokerPid());
             KafkaProducer<byte[], byte[]> producer = Clients.producer(context, settings)) {
            Progress.Line line = context.progress().start(context.label(spec.name()), source(window, measured));
            window.start();
            broker.watch(window, clock);
            for (long index = 0; !window.isOver() && failure.get() == null; index++) {
                byte[] value = payloads.get(index);
                long sentNs = clock.nanoTime();
                producer.send(new ProducerRecord<>(topic, value), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                        return;
                    }
                    long ackedNs = clock.nanoTime();
                    if (window.contains(ackedNs)) {
                        measured.add(1, value.length);
                        latency.record(sentNs, ackedNs);
                    }
                });
            }
            producer.flush();
            line.finish();
            if (failure.get() != null) {
                throw new IllegalStateException(spec.name() + ": a send failed", failure.get());
            }
            return new WorkloadResult(context.brokerName(), context.run(), spec.name(),
                    new Throughput(measured.records(), measured.bytes(), window.measureNs()), latency.summarize(),
                    broker.measuredCpuSeconds(), broker.peakRssBytes(), 0);
        }
    }

    static Progress.Source source(MeasurementWindow window, LiveCounters measured) {
        return new Progress.Source() {
            @Override
            public String phase() {
                return window.isWarmingUp() ? "warm-up" : "measuring";
            }

            @Override
            public Throughput measuredSoFar() {
                return new Throughput(measured.records(), measured.bytes(), window.measuredSoFarNs());
            }
        };
    }
}
