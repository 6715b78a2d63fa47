package io.brook.bench.run;

import io.brook.bench.result.WorkloadResult;
import io.brook.bench.workload.WorkloadSpec;
import io.brook.bench.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs workloads against one broker, in order, after driving it unmeasured for a while (see
 * {@link Workloads.Pace}). An end-to-end workload without a fixed rate runs at half of the
 * produce-1k maximum measured just before on the same broker; if produce-1k was not asked for, it
 * runs first to find that maximum, and its result is reported too.
 */
public final class WorkloadRunner {
    private static final double E2E_SHARE_OF_MAXIMUM = 0.5;

    private WorkloadRunner() {
    }

    private static final String BROKER_WARMUP = "broker-warm-up";

    public static List<WorkloadResult> runAll(List<WorkloadSpec> specs, RunContext context, Map<String, WorkloadSpec> catalogue,
                                              long brokerWarmupMs) throws Exception {
        if (brokerWarmupMs > 0) {
            WorkloadSpec produce = catalogue.get(Workloads.PRODUCE_1K);
            ProduceWorkload.run(new WorkloadSpec(BROKER_WARMUP, produce.kind(), produce.recordSizeBytes(), produce.partitions(),
                    produce.acks(), produce.compression(), 0, 0, brokerWarmupMs, 0), context);
        }
        List<WorkloadResult> results = new ArrayList<>();
        boolean needsCalibration = specs.stream().anyMatch(spec -> spec.kind() == WorkloadSpec.Kind.END_TO_END
                && spec.targetRecordsPerSecond() == 0)
                && specs.stream().noneMatch(spec -> spec.name().equals(Workloads.PRODUCE_1K));
        if (needsCalibration) {
            results.add(run(catalogue.get(Workloads.PRODUCE_1K), context, results));
        }
        for (WorkloadSpec spec : specs) {
            results.add(run(spec, context, results));
        }
        return results;
    }

    private static WorkloadResult run(WorkloadSpec spec, RunContext context, List<WorkloadResult> earlier) throws Exception {
        return switch (spec.kind()) {
            case PRODUCE -> ProduceWorkload.run(spec, context);
            case CONSUME -> ConsumeWorkload.run(spec, context);
            case END_TO_END -> EndToEndWorkload.run(spec, context, e2eRate(spec, earlier));
        };
    }

    private static double e2eRate(WorkloadSpec spec, List<WorkloadResult> earlier) {
        if (spec.targetRecordsPerSecond() > 0) {
            return spec.targetRecordsPerSecond();
        }
        for (WorkloadResult result : earlier) {
            if (result.workload().equals(Workloads.PRODUCE_1K)) {
                return Math.max(1, result.throughput().recordsPerSecond() * E2E_SHARE_OF_MAXIMUM);
            }
        }
        throw new IllegalStateException(spec.name() + " needs a produce-1k result or a fixed --rate");
    }
}
