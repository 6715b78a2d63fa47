package io.brook.bench.report;

import io.brook.bench.measure.LatencySummary;
import io.brook.bench.measure.Throughput;
import io.brook.bench.result.BenchReport;
import io.brook.bench.result.WorkloadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reports for tests: the recorded sample file, and small synthetic ones built figure by figure. */
final class Reports {
    static final long ONE_SECOND_NS = 1_000_000_000L;
    static final BenchReport.Machine MACHINE =
            new BenchReport.Machine("test cpu", 4, 8L << 30, "Linux test", "17.0.15");

    private Reports() {
    }

    /** bench/src/test/resources/sample-results.json, the recorded-looking sample (2 brokers x 2 runs x 9 workloads). */
    static String sampleJson() {
        try (InputStream in = Reports.class.getResourceAsStream("/sample-results.json")) {
            if (in == null) {
                throw new IllegalStateException("sample-results.json is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BenchReport sample() {
        return ResultsJson.read(sampleJson());
    }

    static BenchReport report(List<String> brokers, List<WorkloadResult> results) {
        return new BenchReport("2025-01-01T00:00:00Z", MACHINE,
                new BenchReport.Settings(false, 3, brokers, "1g", 5_000, 20_000, "4.3.1", List.of("--runs", "3")), results);
    }

    /** A one-second run that moved {@code records} records of 1,000 bytes, with nothing else known. */
    static WorkloadResult throughput(String broker, int run, String workload, long records) {
        return new WorkloadResult(broker, run, workload, new Throughput(records, records * 1_000, ONE_SECOND_NS),
                null, Double.NaN, -1, 0);
    }

    /** A one-second run of 1,000 records with the given latency p50 and broker CPU seconds. */
    static WorkloadResult latencyAndCpu(String broker, int run, String workload, double p50Ms, double cpuSeconds) {
        LatencySummary latency = new LatencySummary(1_000, p50Ms, p50Ms * 2, p50Ms * 3, p50Ms * 4, p50Ms * 5, p50Ms * 10);
        return new WorkloadResult(broker, run, workload, new Throughput(1_000, 1_000_000, ONE_SECOND_NS),
                latency, cpuSeconds, 512L << 20, 0);
    }
}
