package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.bench.measure.Clock;
import io.brook.bench.measure.ProcFs;
import io.brook.bench.result.WorkloadResult;
import io.brook.bench.run.Progress;
import io.brook.bench.run.RunContext;
import io.brook.bench.run.WorkloadRunner;
import io.brook.bench.workload.WorkloadSpec;
import io.brook.bench.workload.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every benchmark workload, in miniature, against the broker: the harness runs, measures something
 * for each workload, and reads the broker's CPU and memory (here the test JVM's, which hosts the
 * broker). Figures are not judged; the bench module's own tests check its arithmetic.
 */
class BenchHarnessIT {
    private static final long WARMUP_MS = 200;
    private static final long MEASURE_MS = 600;
    private static final long PREFILL_BYTES = 8L * 1024 * 1024;

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    @Test
    void everyWorkloadRunsAndMeasures() throws Exception {
        Map<String, WorkloadSpec> catalogue = Workloads.all(Workloads.Pace.QUICK);
        List<WorkloadSpec> specs = catalogue.values().stream()
                .map(spec -> spec.withDurations(WARMUP_MS, MEASURE_MS).withPrefillBytes(PREFILL_BYTES))
                .toList();
        ByteArrayOutputStream progressOutput = new ByteArrayOutputStream();
        List<WorkloadResult> results;
        try (Progress progress = new Progress(new PrintStream(progressOutput, true, StandardCharsets.UTF_8), false, Clock.SYSTEM)) {
            RunContext context = new RunContext("brook", broker.bootstrapServers(), ProcessHandle.current().pid(), 1,
                    Map.of(), Map.of(), Clock.SYSTEM, ProcFs.system(), progress);
            results = WorkloadRunner.runAll(specs, context, catalogue, WARMUP_MS);
        }
        assertEquals(specs.stream().map(WorkloadSpec::name).toList(), results.stream().map(WorkloadResult::workload).toList());
        for (WorkloadResult result : results) {
            assertTrue(result.throughput().records() > 0, result.workload() + " measured no records");
            assertTrue(result.throughput().megabytesPerSecond() > 0, result.workload());
            assertFalse(Double.isNaN(result.brokerCpuSeconds()), result.workload() + " has no CPU figure");
            assertTrue(result.brokerPeakRssBytes() > 0, result.workload() + " has no memory figure");
            if (result.workload().equals("consume-1k")) {
                assertNull(result.latency(), "draining measures throughput only");
            } else {
                assertNotNull(result.latency(), result.workload() + " measured no latency");
            }
        }
        WorkloadResult produce = results.get(0);
        WorkloadResult endToEnd = results.get(results.size() - 1);
        assertEquals(produce.throughput().recordsPerSecond() / 2, endToEnd.targetRecordsPerSecond(), 1e-6,
                "e2e-latency runs at half of produce-1k's maximum");
        assertTrue(progressOutput.toString(StandardCharsets.UTF_8).contains("e2e-latency"), "the progress line names the workloads");
    }
}
