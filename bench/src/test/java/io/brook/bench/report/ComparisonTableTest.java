package io.brook.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.bench.result.BenchReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

    @Test
    void hasARowForEveryWorkloadAndFigure() {
        BenchReport sample = Reports.sample();
        Comparison comparison = Comparison.of(sample);

        List<String> lines = ComparisonTable.render(sample).lines().toList();

        assertEquals(2 + comparison.rows().size(), lines.size(), "header, rule, one line per row");
        assertEquals(9, comparison.workloads().size());
        for (Comparison.Row row : comparison.rows()) {
            String prefix = row.workload() + " ";
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(prefix) && line.contains("  " + row.figure().label() + "  ")),
                    () -> "no line for " + row.workload() + " / " + row.figure().label());
        }
        for (Figure figure : Figure.values()) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("e2e-latency ") && line.contains(figure.label())),
                    () -> "e2e-latency has every figure, missing " + figure.label());
        }
    }

    @Test
    void headerNamesTheBrokersTheRatioAndTheWinnerColumn() {
        String header = ComparisonTable.render(Reports.sample()).lines().findFirst().orElseThrow();

        assertEquals(List.of("workload", "figure", "brook", "kafka", "brook/kafka", "better"), List.of(header.trim().split(" +")));
    }

    @Test
    void numbersAreRightAlignedUnderTheirHeader() {
        List<String> lines = ComparisonTable.render(Reports.sample()).lines().toList();
        int ratioEnd = lines.get(0).indexOf("brook/kafka") + "brook/kafka".length();

        for (String line : lines.subList(2, lines.size())) {
            char last = line.charAt(ratioEnd - 1);
            assertTrue(Character.isDigit(last) || last == '-', () -> "ratio not right-aligned in: " + line);
            assertEquals(' ', line.charAt(ratioEnd), () -> "ratio overflows its column in: " + line);
        }
    }

    @Test
    void formatsRecordRatesWithThousandsSeparatorsAndMissingValuesAsADash() {
        BenchReport report = Reports.report(List.of("brook", "kafka"), List.of(
                Reports.throughput("brook", 1, "produce-100b", 1_234_567), Reports.throughput("kafka", 1, "produce-100b", 1_000_000)));

        String table = ComparisonTable.render(report);

        assertTrue(table.contains("1,234,567"), table);
        assertTrue(table.contains("1,000,000"), table);
        assertTrue(table.contains("1.23  brook"), table);
        String cpuLine = table.lines().filter(line -> line.contains("broker CPU s/GB")).findFirst().orElseThrow();
        assertEquals(List.of("produce-100b", "broker", "CPU", "s/GB", "-", "-", "-", "-"), List.of(cpuLine.trim().split(" +")));
    }
}
