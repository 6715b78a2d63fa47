package io.brook.bench.report;

import io.brook.bench.measure.LatencySummary;
import io.brook.bench.measure.Median;
import io.brook.bench.result.BenchReport;
import io.brook.bench.result.WorkloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Which charts a report has, drawn from its data: throughput in MB/s and in records/s for every
 * workload, a latency-percentile chart for every workload that measured latency, and broker CPU
 * per GB and peak RSS when any run knew the broker's process. Every value is a median over runs.
 */
final class ReportCharts {
    private static final List<ToDoubleFunction<LatencySummary>> PERCENTILES = List.of(
            LatencySummary::p50Ms, LatencySummary::p90Ms, LatencySummary::p99Ms,
            LatencySummary::p999Ms, LatencySummary::p9999Ms, LatencySummary::maxMs);

    /** @param wide whether the chart takes the page's full width; latency charts go two to a row */
    record Chart(SvgElement svg, boolean wide) {
    }

    private ReportCharts() {
    }

    static List<Chart> all(BenchReport report, Comparison comparison) {
        List<Chart> charts = new ArrayList<>();
        charts.add(bars(comparison, Figure.MEGABYTES_PER_SECOND, "Throughput (MB/s, higher is better)", "MB/s (MB = 2^20 bytes)"));
        charts.add(bars(comparison, Figure.RECORDS_PER_SECOND, "Throughput (records/s, higher is better)", "records/s"));
        for (String workload : comparison.workloads()) {
            if (has(comparison, workload, Figure.LATENCY_P50_MS)) {
                charts.add(latency(report, comparison, workload));
            }
        }
        if (anyKnown(comparison, Figure.BROKER_CPU_SECONDS_PER_GB)) {
            charts.add(bars(comparison, Figure.BROKER_CPU_SECONDS_PER_GB, "Broker CPU per GB moved (s/GB, lower is better)",
                    "broker CPU seconds (user + system) per 10^9 bytes of records"));
        }
        if (anyKnown(comparison, Figure.BROKER_PEAK_RSS_MIB)) {
            charts.add(bars(comparison, Figure.BROKER_PEAK_RSS_MIB, "Broker peak resident memory (MiB, lower is better)",
                    "peak RSS (MiB)"));
        }
        return charts;
    }

    private static Chart bars(Comparison comparison, Figure figure, String title, String axisLabel) {
        List<BarChart.Series> series = new ArrayList<>();
        for (int broker = 0; broker < comparison.brokers().size(); broker++) {
            List<Double> values = new ArrayList<>();
            for (String workload : comparison.workloads()) {
                values.add(median(comparison, workload, figure, broker));
            }
            series.add(new BarChart.Series(comparison.brokers().get(broker), values));
        }
        return new Chart(BarChart.render(title, axisLabel, comparison.workloads(), series, value -> FigureFormat.value(figure, value)),
                true);
    }

    private static Chart latency(BenchReport report, Comparison comparison, String workload) {
        List<PercentileChart.Line> lines = new ArrayList<>();
        for (String broker : comparison.brokers()) {
            List<LatencySummary> runs = report.results().stream()
                    .filter(result -> result.workload().equals(workload) && result.broker().equals(broker))
                    .map(WorkloadResult::latency).toList();
            List<Double> mediansMs = new ArrayList<>();
            for (ToDoubleFunction<LatencySummary> percentile : PERCENTILES) {
                mediansMs.add(Median.of(runs.stream().map(run -> run == null ? Double.NaN : percentile.applyAsDouble(run)).toList()));
            }
            lines.add(new PercentileChart.Line(broker, mediansMs));
        }
        return new Chart(PercentileChart.render("Latency percentiles: " + workload + " (ms, lower is better)", lines), false);
    }

    private static double median(Comparison comparison, String workload, Figure figure, int broker) {
        return comparison.rowsOf(workload).stream().filter(row -> row.figure() == figure)
                .mapToDouble(row -> row.medians().get(broker)).findFirst().orElse(Double.NaN);
    }

    private static boolean has(Comparison comparison, String workload, Figure figure) {
        return comparison.rowsOf(workload).stream().anyMatch(row -> row.figure() == figure);
    }

    private static boolean anyKnown(Comparison comparison, Figure figure) {
        return comparison.rows().stream().filter(row -> row.figure() == figure)
                .anyMatch(row -> row.medians().stream().anyMatch(Double::isFinite));
    }
}
