package io.brook.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison as table cells, so the terminal table, the Markdown table and the HTML table
 * show the same rows and columns: workload | figure | one column per broker | A/B ratio | better.
 * With a single broker there is nothing to compare and the last two columns are left out.
 *
 * @param numeric per column, whether it holds numbers (right-aligned)
 */
record ComparisonCells(List<String> header, List<Boolean> numeric, List<List<String>> rows) {
    static final String TIE = "=";
    static final String NOT_COMPARED = "n/a";

    static ComparisonCells of(Comparison comparison) {
        List<String> brokers = comparison.brokers();
        List<String> header = new ArrayList<>(List.of("workload", "figure"));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false));
        header.addAll(brokers);
        brokers.forEach(broker -> numeric.add(true));
        if (comparison.comparesTwoBrokers()) {
            header.add(brokers.get(0) + "/" + brokers.get(1));
            numeric.add(true);
            header.add("better");
            numeric.add(false);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row row : comparison.rows()) {
            rows.add(cells(comparison, row));
        }
        return new ComparisonCells(List.copyOf(header), List.copyOf(numeric), List.copyOf(rows));
    }

    /** What the "better" column says: the winning broker's name, "=" for a tie, "-" when a median is missing. */
    static String verdict(Comparison comparison, Comparison.Row row) {
        return switch (row.outcome()) {
            case FIRST_BETTER -> comparison.brokers().get(0);
            case SECOND_BETTER -> comparison.brokers().get(1);
            case TIE -> TIE;
            case MISSING -> FigureFormat.MISSING;
            case NOT_COMPARED -> NOT_COMPARED;
        };
    }

    private static List<String> cells(Comparison comparison, Comparison.Row row) {
        List<String> cells = new ArrayList<>(List.of(row.workload(), row.figure().label()));
        for (double median : row.medians()) {
            cells.add(FigureFormat.value(row.figure(), median));
        }
        if (comparison.comparesTwoBrokers()) {
            cells.add(FigureFormat.ratio(row.ratio()));
            cells.add(verdict(comparison, row));
        }
        return List.copyOf(cells);
    }
}
