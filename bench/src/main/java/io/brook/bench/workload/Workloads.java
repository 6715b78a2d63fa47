package io.brook.bench.workload;

import io.brook.bench.workload.WorkloadSpec.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named workloads. Names are stable so that results compare over time; flags change sizes,
 * rates, durations, partitions, acks and compression, not names.
 */
public final class Workloads {
    public static final String PRODUCE_1K = "produce-1k";
    public static final String E2E_LATENCY = "e2e-latency";

    private static final int KIB = 1024;
    private static final long MIB = 1024L * 1024;

    /**
     * Durations and prefill of a full run and of a --quick one (the prefill is large enough that
     * draining it takes seconds even at memory speed), and how long a freshly started broker
     * is driven, unmeasured, before its first workload: a JVM that has not compiled its hot paths yet
     * would otherwise make the first workload look slower than the rest.
     */
    public enum Pace {
        FULL(5_000, 20_000, 4096 * MIB, 10_000),
        QUICK(1_000, 3_000, 128 * MIB, 3_000);

        final long warmupMs;
        final long measureMs;
        final long prefillBytes;
        final long brokerWarmupMs;

        Pace(long warmupMs, long measureMs, long prefillBytes, long brokerWarmupMs) {
            this.warmupMs = warmupMs;
            this.measureMs = measureMs;
            this.prefillBytes = prefillBytes;
            this.brokerWarmupMs = brokerWarmupMs;
        }

        public long brokerWarmupMs() {
            return brokerWarmupMs;
        }

        public long warmupMs() {
            return warmupMs;
        }

        public long measureMs() {
            return measureMs;
        }
    }

    private Workloads() {
    }

    /** Every workload, in the order they run: produce-1k first, since e2e-latency takes its rate from it. */
    public static Map<String, WorkloadSpec> all(Pace pace) {
        Map<String, WorkloadSpec> all = new LinkedHashMap<>();
        add(all, produce(PRODUCE_1K, KIB, 1, "1", "none", pace));
        add(all, produce("produce-1k-6p", KIB, 6, "1", "none", pace));
        add(all, produce("produce-1k-acks-all", KIB, 1, "all", "none", pace));
        add(all, produce("produce-100b", 100, 1, "1", "none", pace));
        add(all, produce("produce-100k", 100 * KIB, 1, "1", "none", pace));
        add(all, produce("produce-1k-lz4", KIB, 1, "1", "lz4", pace));
        add(all, produce("produce-1k-zstd", KIB, 1, "1", "zstd", pace));
        add(all, new WorkloadSpec("consume-1k", Kind.CONSUME, KIB, 1, "1", "none", 0, pace.warmupMs, pace.measureMs, pace.prefillBytes));
        add(all, new WorkloadSpec(E2E_LATENCY, Kind.END_TO_END, KIB, 1, "1", "none", 0, pace.warmupMs, pace.measureMs, 0));
        return all;
    }

    /** The named workloads, in catalogue order; an unknown name is an error that lists the known ones. */
    public static List<WorkloadSpec> select(Pace pace, List<String> names) {
        Map<String, WorkloadSpec> all = all(pace);
        if (names.isEmpty()) {
            return new ArrayList<>(all.values());
        }
        for (String name : names) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("unknown workload " + name + "; the workloads are " + all.keySet());
            }
        }
        return all.values().stream().filter(spec -> names.contains(spec.name())).toList();
    }

    private static WorkloadSpec produce(String name, int recordSizeBytes, int partitions, String acks, String compression, Pace pace) {
        return new WorkloadSpec(name, Kind.PRODUCE, recordSizeBytes, partitions, acks, compression, 0,
                pace.warmupMs, pace.measureMs, 0);
    }

    private static void add(Map<String, WorkloadSpec> all, WorkloadSpec spec) {
        all.put(spec.name(), spec);
    }
}
