package io.brook.bench.report;

import static io.brook.bench.report.Reports.latencyAndCpu;
import static io.brook.bench.report.Reports.throughput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.bench.measure.Throughput;
import io.brook.bench.result.WorkloadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final List<String> BROKERS = List.of("brook", "kafka");

    @Test
    void mediansAreTheMiddleRunForOddCountsAndTheMeanOfTheMiddleTwoForEven() {
        Comparison comparison = Comparison.of(Reports.report(BROKERS, List.of(
                throughput("brook", 1, "produce-1k", 300), throughput("brook", 2, "produce-1k", 100),
                throughput("brook", 3, "produce-1k", 200),
                throughput("kafka", 1, "produce-1k", 100), throughput("kafka", 2, "produce-1k", 400),
                throughput("kafka", 3, "produce-1k", 50), throughput("kafka", 4, "produce-1k", 200))));

        Comparison.Row row = row(comparison, "produce-1k", Figure.RECORDS_PER_SECOND);

        assertEquals(List.of(200.0, 150.0), row.medians());
        assertEquals(200.0 / 150.0, row.ratio());
        assertEquals(Comparison.Outcome.FIRST_BETTER, row.outcome());
    }

    @Test
    void runsThatCouldNotMeasureAFigureAreLeftOutOfItsMedian() {
        Comparison comparison = Comparison.of(Reports.report(BROKERS, List.of(
                latencyAndCpu("brook", 1, "produce-1k", 2, Double.NaN), latencyAndCpu("brook", 2, "produce-1k", 2, 0.004),
                latencyAndCpu("kafka", 1, "produce-1k", 2, 0.002), latencyAndCpu("kafka", 2, "produce-1k", 2, 0.006))));

        Comparison.Row cpu = row(comparison, "produce-1k", Figure.BROKER_CPU_SECONDS_PER_GB);

        assertEquals(4.0, cpu.medians().get(0), 1e-9, "0.004 s over 10^6 bytes, from the one run that knew");
        assertEquals(4.0, cpu.medians().get(1), 1e-9);
    }

    @Test
    void aFigureNoRunMeasuredHasNoRatioAndNoWinner() {
        Comparison comparison = Comparison.of(Reports.report(BROKERS, List.of(
                throughput("brook", 1, "produce-1k", 100), throughput("kafka", 1, "produce-1k", 100))));

        Comparison.Row cpu = row(comparison, "produce-1k", Figure.BROKER_CPU_SECONDS_PER_GB);

        assertTrue(Double.isNaN(cpu.medians().get(0)));
        assertTrue(Double.isNaN(cpu.ratio()));
        assertEquals(Comparison.Outcome.MISSING, cpu.outcome());
    }

    @Test
    void aBrokerWithoutRunsOfAWorkloadHasNoRatioThere() {
        Comparison comparison = Comparison.of(Reports.report(BROKERS, List.of(throughput("brook", 1, "produce-1k", 100))));

        Comparison.Row row = row(comparison, "produce-1k", Figure.RECORDS_PER_SECOND);

        assertTrue(Double.isNaN(row.medians().get(1)));
        assertEquals(Comparison.Outcome.MISSING, row.outcome());
    }

    @Test
    void lowerLatencyWinsAndHigherThroughputWins() {
        Comparison comparison = Comparison.of(Reports.report(BROKERS, List.of(
                latencyAndCpu("brook", 1, "produce-1k", 4, 1), latencyAndCpu("kafka", 1, "produce-1k", 2, 1))));

        Comparison.Row p50 = row(comparison, "produce-1k", Figure.LATENCY_P50_MS);
        Comparison.Row rate = row(comparison, "produce-1k", Figure.RECORDS_PER_SECOND);

        assertEquals(2.0, p50.ratio());
        assertEquals(Comparison.Outcome.SECOND_BETTER, p50.outcome(), "brook's p50 is twice kafka's");
        assertEquals(Comparison.Outcome.TIE, rate.outcome(), "both moved the same records");
    }

    @Test
    void figuresWithinTwoPercentAreATieInEitherDirection() {
        Figure.Direction higher = Figure.Direction.HIGHER_IS_BETTER;
        Figure.Direction lower = Figure.Direction.LOWER_IS_BETTER;

        assertEquals(Comparison.Outcome.TIE, Comparison.outcome(higher, 1.0));
        assertEquals(Comparison.Outcome.TIE, Comparison.outcome(higher, 1.02));
        assertEquals(Comparison.Outcome.TIE, Comparison.outcome(higher, 1 / 1.02));
        assertEquals(Comparison.Outcome.FIRST_BETTER, Comparison.outcome(higher, 1.021));
        assertEquals(Comparison.Outcome.SECOND_BETTER, Comparison.outcome(higher, 0.979));
        assertEquals(Comparison.Outcome.SECOND_BETTER, Comparison.outcome(lower, 1.021));
        assertEquals(Comparison.Outcome.FIRST_BETTER, Comparison.outcome(lower, 0.979));
        assertEquals(Comparison.Outcome.MISSING, Comparison.outcome(lower, Double.NaN));
        assertEquals(Comparison.Outcome.NOT_COMPARED, Comparison.outcome(Figure.Direction.NEITHER, 2.0));
    }

    @Test
    void workloadsKeepTheOrderOfFirstAppearanceAndBrokersTheSettingsOrder() {
        Comparison comparison = Comparison.of(Reports.report(List.of("kafka", "brook"), List.of(
                throughput("brook", 1, "consume-1k", 1), throughput("brook", 1, "produce-1k", 1),
                throughput("kafka", 1, "produce-100b", 1), throughput("kafka", 1, "consume-1k", 1))));

        assertEquals(List.of("consume-1k", "produce-1k", "produce-100b"), comparison.workloads());
        assertEquals(List.of("kafka", "brook"), comparison.brokers());
    }

    @Test
    void latencyRowsBelongToWorkloadsThatMeasureItAndTheTargetRowToRateLimitedOnes() {
        WorkloadResult e2e = new WorkloadResult("brook", 1, "e2e-latency", new Throughput(1, 1, 1),
                latencyAndCpu("brook", 1, "x", 1, 1).latency(), 1, 1, 5_000);
        Comparison comparison = Comparison.of(Reports.report(BROKERS, List.of(throughput("brook", 1, "consume-1k", 1), e2e)));

        List<Figure> consume = comparison.rowsOf("consume-1k").stream().map(Comparison.Row::figure).toList();
        List<Figure> endToEnd = comparison.rowsOf("e2e-latency").stream().map(Comparison.Row::figure).toList();

        assertEquals(List.of(Figure.RECORDS_PER_SECOND, Figure.MEGABYTES_PER_SECOND, Figure.BROKER_CPU_SECONDS_PER_GB,
                Figure.BROKER_PEAK_RSS_MIB), consume);
        assertEquals(List.of(Figure.values()), endToEnd);
        assertEquals(5_000.0, row(comparison, "e2e-latency", Figure.TARGET_RECORDS_PER_SECOND).medians().get(0));
    }

    @Test
    void oneBrokerHasMediansButNothingToCompare() {
        Comparison comparison = Comparison.of(Reports.report(List.of("brook"), List.of(throughput("brook", 1, "produce-1k", 7))));

        Comparison.Row row = row(comparison, "produce-1k", Figure.RECORDS_PER_SECOND);

        assertFalse(comparison.comparesTwoBrokers());
        assertEquals(List.of(7.0), row.medians());
        assertEquals(Comparison.Outcome.MISSING, row.outcome());
    }

    private static Comparison.Row row(Comparison comparison, String workload, Figure figure) {
        return comparison.rowsOf(workload).stream().filter(row -> row.figure() == figure).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + workload + " " + figure));
    }
}
