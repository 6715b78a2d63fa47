package io.brook.bench.report;

import io.brook.bench.result.BenchReport;
import java.util.List;

/**
 * The comparison as one plain-text table for a terminal: columns padded to their widest cell,
 * numbers right-aligned, a rule under the header.
 */
public final class ComparisonTable {
    private static final String COLUMN_GAP = "  ";

    private ComparisonTable() {
    }

    public static String render(BenchReport report) {
        return render(Comparison.of(report));
    }

    static String render(Comparison comparison) {
        ComparisonCells cells = ComparisonCells.of(comparison);
        int[] widths = new int[cells.header().size()];
        widen(widths, cells.header());
        cells.rows().forEach(row -> widen(widths, row));

        StringBuilder out = new StringBuilder();
        line(out, cells.header(), widths, cells.numeric());
        for (int column = 0; column < widths.length; column++) {
            out.append(column == 0 ? "" : COLUMN_GAP).append("-".repeat(widths[column]));
        }
        out.append('\n');
        cells.rows().forEach(row -> line(out, row, widths, cells.numeric()));
        return out.toString();
    }

    private static void widen(int[] widths, List<String> row) {
        for (int column = 0; column < widths.length; column++) {
            widths[column] = Math.max(widths[column], row.get(column).length());
        }
    }

    private static void line(StringBuilder out, List<String> row, int[] widths, List<Boolean> numeric) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            String cell = row.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            line.append(column == 0 ? "" : COLUMN_GAP);
            line.append(numeric.get(column) ? padding + cell : cell + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
