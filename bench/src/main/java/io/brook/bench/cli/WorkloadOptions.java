package io.brook.bench.cli;

import io.brook.bench.workload.WorkloadSpec;
import io.brook.bench.workload.Workloads;
import java.util.List;
import java.util.Set;

/** The workload flags shared by {@code run} and {@code compare}, applied to every selected workload. */
final class WorkloadOptions {
    static final Set<String> VALUE_NAMES = Set.of("workloads", "record-size", "partitions", "acks", "compression",
            "rate", "warmup-ms", "measure-ms", "prefill-mb");
    static final Set<String> REPEATABLE_NAMES = Set.of("producer-setting", "consumer-setting");
    static final String QUICK = "quick";
    private static final long BYTES_PER_MB = 1024L * 1024;

    private WorkloadOptions() {
    }

    static Workloads.Pace pace(Arguments arguments) {
        return arguments.has(QUICK) ? Workloads.Pace.QUICK : Workloads.Pace.FULL;
    }

    static List<WorkloadSpec> selected(Arguments arguments) {
        return Workloads.select(pace(arguments), arguments.list("workloads")).stream()
                .map(spec -> apply(arguments, spec))
                .toList();
    }

    private static WorkloadSpec apply(Arguments arguments, WorkloadSpec spec) {
        WorkloadSpec result = spec;
        Long recordSize = arguments.number("record-size");
        if (recordSize != null) {
            result = result.withRecordSizeBytes(Math.toIntExact(recordSize));
        }
        Long partitions = arguments.number("partitions");
        if (partitions != null) {
            result = result.withPartitions(Math.toIntExact(partitions));
        }
        result = result.withAcks(arguments.value("acks", result.acks()));
        result = result.withCompression(arguments.value("compression", result.compression()));
        Double rate = arguments.decimal("rate");
        if (rate != null) {
            result = result.withTargetRecordsPerSecond(rate);
        }
        Long warmupMs = arguments.number("warmup-ms");
        Long measureMs = arguments.number("measure-ms");
        result = result.withDurations(warmupMs != null ? warmupMs : result.warmupMs(), measureMs != null ? measureMs : result.measureMs());
        Long prefillMb = arguments.number("prefill-mb");
        if (prefillMb != null) {
            result = result.withPrefillBytes(prefillMb * BYTES_PER_MB);
        }
        return result;
    }
}
