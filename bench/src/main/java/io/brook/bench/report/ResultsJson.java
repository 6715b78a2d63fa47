package io.brook.bench.report;

import io.brook.bench.measure.LatencySummary;
import io.brook.bench.measure.Throughput;
import io.brook.bench.result.BenchReport;
import io.brook.bench.result.WorkloadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link BenchReport} as a JSON results file and back. The field order is fixed, so two files
 * diff cleanly. Unknown figures (NaN CPU seconds or percentiles, a peak RSS of -1) are written as
 * {@code null}; a workload without latency has {@code "latencyMs": null}. The derived rates
 * ({@code recordsPerSecond}, {@code megabytesPerSecond}, {@code brokerCpuSecondsPerGb}) are written
 * for people and tools reading the file, and ignored when reading it back, because they follow
 * from the stored counts.
 */
public final class ResultsJson {
    /** How an unknown peak RSS is held in {@link WorkloadResult}. */
    private static final long UNKNOWN_RSS_BYTES = -1;

    private ResultsJson() {
    }

    /** The report as pretty JSON text, ending in a newline. */
    public static String write(BenchReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generatedAt", report.generatedAt());
        root.put("machine", machine(report.machine()));
        root.put("settings", settings(report.settings()));
        List<Object> results = new ArrayList<>();
        for (WorkloadResult result : report.results()) {
            results.add(result(result));
        }
        root.put("results", results);
        return JsonWriter.write(root);
    }

    /**
     * Reads text written by {@link #write}; the result equals the report that was written.
     *
     * @throws MalformedJsonException when the text is not JSON
     * @throws IllegalArgumentException when it is JSON but not a results file, naming the member at fault
     */
    public static BenchReport read(String json) {
        JsonFields root = JsonFields.root(JsonParser.parse(json));
        List<WorkloadResult> results = new ArrayList<>();
        for (JsonFields result : root.objects("results")) {
            results.add(result(result));
        }
        return new BenchReport(root.string("generatedAt"), machine(root.object("machine")),
                settings(root.object("settings")), List.copyOf(results));
    }

    private static Map<String, Object> machine(BenchReport.Machine machine) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpuModel", machine.cpuModel());
        out.put("cores", machine.cores());
        out.put("memoryBytes", machine.memoryBytes());
        out.put("operatingSystem", machine.operatingSystem());
        out.put("javaVersion", machine.javaVersion());
        return out;
    }

    private static BenchReport.Machine machine(JsonFields in) {
        return new BenchReport.Machine(in.stringOrNull("cpuModel"), in.intValue("cores"), in.longValue("memoryBytes"),
                in.stringOrNull("operatingSystem"), in.stringOrNull("javaVersion"));
    }

    private static Map<String, Object> settings(BenchReport.Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("quick", settings.quick());
        out.put("runs", settings.runs());
        out.put("brokers", settings.brokers());
        out.put("heap", settings.heap());
        out.put("warmupMs", settings.warmupMs());
        out.put("measureMs", settings.measureMs());
        out.put("kafkaVersion", settings.kafkaVersion());
        out.put("arguments", settings.arguments());
        return out;
    }

    private static BenchReport.Settings settings(JsonFields in) {
        return new BenchReport.Settings(in.bool("quick"), in.intValue("runs"), List.copyOf(in.strings("brokers")),
                in.stringOrNull("heap"), in.longValue("warmupMs"), in.longValue("measureMs"), in.stringOrNull("kafkaVersion"),
                List.copyOf(in.strings("arguments")));
    }

    private static Map<String, Object> result(WorkloadResult result) {
        Throughput throughput = result.throughput();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("broker", result.broker());
        out.put("run", result.run());
        out.put("workload", result.workload());
        out.put("records", throughput.records());
        out.put("bytes", throughput.bytes());
        out.put("elapsedNs", throughput.elapsedNs());
        out.put("recordsPerSecond", throughput.recordsPerSecond());
        out.put("megabytesPerSecond", throughput.megabytesPerSecond());
        out.put("latencyMs", result.latency() == null ? null : latency(result.latency()));
        out.put("brokerCpuSeconds", result.brokerCpuSeconds());
        out.put("brokerCpuSecondsPerGb", result.brokerCpuSecondsPerGb());
        out.put("brokerPeakRssBytes", result.brokerPeakRssBytes() == UNKNOWN_RSS_BYTES ? null : result.brokerPeakRssBytes());
        out.put("targetRecordsPerSecond", result.targetRecordsPerSecond());
        return out;
    }

    private static WorkloadResult result(JsonFields in) {
        Throughput throughput = new Throughput(in.longValue("records"), in.longValue("bytes"), in.longValue("elapsedNs"));
        JsonFields latency = in.objectOrNull("latencyMs");
        return new WorkloadResult(in.string("broker"), in.intValue("run"), in.string("workload"), throughput,
                latency == null ? null : latency(latency), in.doubleOrNaN("brokerCpuSeconds"),
                in.longOr("brokerPeakRssBytes", UNKNOWN_RSS_BYTES), in.doubleOrNaN("targetRecordsPerSecond"));
    }

    private static Map<String, Object> latency(LatencySummary latency) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", latency.count());
        out.put("p50", latency.p50Ms());
        out.put("p90", latency.p90Ms());
        out.put("p99", latency.p99Ms());
        out.put("p999", latency.p999Ms());
        out.put("p9999", latency.p9999Ms());
        out.put("max", latency.maxMs());
        return out;
    }

    private static LatencySummary latency(JsonFields in) {
        return new LatencySummary(in.longValue("count"), in.doubleOrNaN("p50"), in.doubleOrNaN("p90"), in.doubleOrNaN("p99"),
                in.doubleOrNaN("p999"), in.doubleOrNaN("p9999"), in.doubleOrNaN("max"));
    }
}
