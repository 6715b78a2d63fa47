package io.brook.bench.report;

import io.brook.bench.measure.Median;
import io.brook.bench.result.BenchReport;
import io.brook.bench.result.WorkloadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brokers side by side: for each workload and each {@link Figure} it has, the median over runs per
 * broker, and the ratio of the first broker's median to the second's (ours / Kafka, in the order
 * {@code settings.brokers()} lists them). Workloads keep the order in which they first appear in
 * the results.
 */
public final class Comparison {
    /**
     * Medians within 2% of each other are called a tie: on one machine, back-to-back runs of the same
     * broker differ by about that much, so a smaller gap says nothing about which broker is faster.
     * The band is symmetric in ratio (1/1.02 .. 1.02), so swapping the brokers gives the same verdicts.
     */
    static final double TIE_FACTOR = 1.02;

    /** Who wins one row. */
    public enum Outcome {
        FIRST_BETTER,
        SECOND_BETTER,
        /** Within {@link #TIE_FACTOR} of each other. */
        TIE,
        /** A median is missing (or there is only one broker), so there is no ratio. */
        MISSING,
        /** The figure is an input of the run, not something to win ({@link Figure.Direction#NEITHER}). */
        NOT_COMPARED
    }

    /**
     * @param medians one median per broker, in {@link #brokers()} order; NaN when no run measured it
     * @param ratio first broker's median / second broker's; NaN when either is missing or the second is 0
     */
    public record Row(String workload, Figure figure, List<Double> medians, double ratio, Outcome outcome) {
    }

    private final List<String> brokers;
    private final List<String> workloads;
    private final List<Row> rows;

    private Comparison(List<String> brokers, List<String> workloads, List<Row> rows) {
        this.brokers = brokers;
        this.workloads = workloads;
        this.rows = rows;
    }

    public static Comparison of(BenchReport report) {
        List<String> brokers = brokerOrder(report);
        Map<String, List<WorkloadResult>> byWorkload = new LinkedHashMap<>();
        for (WorkloadResult result : report.results()) {
            byWorkload.computeIfAbsent(result.workload(), workload -> new ArrayList<>()).add(result);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<WorkloadResult>> workload : byWorkload.entrySet()) {
            for (Figure figure : Figure.values()) {
                if (figure.appliesTo(workload.getValue())) {
                    rows.add(row(workload.getKey(), figure, workload.getValue(), brokers));
                }
            }
        }
        return new Comparison(brokers, List.copyOf(byWorkload.keySet()), List.copyOf(rows));
    }

    /** Broker names: the settings' order first, then any broker only the results name, in order of appearance. */
    public List<String> brokers() {
        return brokers;
    }

    public List<String> workloads() {
        return workloads;
    }

    /** One row per (workload, figure), workloads in order, figures in {@link Figure} order. */
    public List<Row> rows() {
        return rows;
    }

    public List<Row> rowsOf(String workload) {
        return rows.stream().filter(row -> row.workload().equals(workload)).toList();
    }

    /** Whether there are two brokers to compare, so rows have ratios and outcomes. */
    public boolean comparesTwoBrokers() {
        return brokers.size() >= 2;
    }

    private static List<String> brokerOrder(BenchReport report) {
        Set<String> brokers = new LinkedHashSet<>(report.settings().brokers());
        for (WorkloadResult result : report.results()) {
            brokers.add(result.broker());
        }
        return List.copyOf(brokers);
    }

    private static Row row(String workload, Figure figure, List<WorkloadResult> results, List<String> brokers) {
        List<Double> medians = new ArrayList<>(brokers.size());
        for (String broker : brokers) {
            List<Double> values = results.stream().filter(result -> result.broker().equals(broker)).map(figure::of).toList();
            medians.add(Median.of(values));
        }
        double ratio = brokers.size() < 2 ? Double.NaN : ratio(medians.get(0), medians.get(1));
        return new Row(workload, figure, List.copyOf(medians), ratio, outcome(figure.direction(), ratio));
    }

    private static double ratio(double first, double second) {
        if (!Double.isFinite(first) || !Double.isFinite(second) || second == 0) {
            return Double.NaN;
        }
        return first / second;
    }

    static Outcome outcome(Figure.Direction direction, double ratio) {
        if (direction == Figure.Direction.NEITHER) {
            return Outcome.NOT_COMPARED;
        }
        if (Double.isNaN(ratio)) {
            return Outcome.MISSING;
        }
        boolean firstIsHigher = ratio > 1;
        boolean withinBand = firstIsHigher ? ratio <= TIE_FACTOR : ratio >= 1 / TIE_FACTOR;
        if (withinBand) {
            return Outcome.TIE;
        }
        boolean higherIsBetter = direction == Figure.Direction.HIGHER_IS_BETTER;
        return firstIsHigher == higherIsBetter ? Outcome.FIRST_BETTER : Outcome.SECOND_BETTER;
    }
}
