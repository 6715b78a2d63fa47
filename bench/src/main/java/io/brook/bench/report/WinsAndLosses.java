package io.brook.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Wins and losses" section of docs/benchmarks.md, read off the comparison: how many figures
 * the first broker (ours) wins, loses and ties, then for each outcome one line per workload naming
 * the figures and their ratios. The medians themselves are in the table above it.
 */
final class WinsAndLosses {
    private WinsAndLosses() {
    }

    static void render(StringBuilder md, Comparison comparison) {
        if (!comparison.comparesTwoBrokers()) {
            md.append("Only one broker ran, so there is nothing to compare.\n");
            return;
        }
        String ours = BenchmarksDoc.escape(comparison.brokers().get(0));
        String theirs = BenchmarksDoc.escape(comparison.brokers().get(1));
        List<Comparison.Row> wins = rows(comparison, Comparison.Outcome.FIRST_BETTER);
        List<Comparison.Row> losses = rows(comparison, Comparison.Outcome.SECOND_BETTER);
        List<Comparison.Row> ties = rows(comparison, Comparison.Outcome.TIE);
        List<Comparison.Row> missing = rows(comparison, Comparison.Outcome.MISSING);
        md.append("Of ").append(wins.size() + losses.size() + ties.size()).append(" figures compared, ").append(ours)
                .append(" is better by more than 2% in ").append(wins.size()).append(", worse in ").append(losses.size())
                .append(" and within 2% in ").append(ties.size());
        if (!missing.isEmpty()) {
            md.append("; ").append(missing.size()).append(" could not be compared because a median is missing");
        }
        md.append(". Ratios are ").append(ours).append('/').append(theirs)
                .append(": above 1 is better for rates, below 1 for latency, CPU and memory.\n");
        section(md, ours + " wins", wins);
        section(md, ours + " loses", losses);
        section(md, "Within 2% of " + theirs, ties);
    }

    private static void section(StringBuilder md, String heading, List<Comparison.Row> rows) {
        md.append("\n**").append(heading).append("**\n\n");
        if (rows.isEmpty()) {
            md.append("- none\n");
            return;
        }
        Map<String, List<String>> figuresByWorkload = new LinkedHashMap<>();
        for (Comparison.Row row : rows) {
            figuresByWorkload.computeIfAbsent(row.workload(), workload -> new ArrayList<>())
                    .add(row.figure().label() + " (" + FigureFormat.ratio(row.ratio()) + ")");
        }
        figuresByWorkload.forEach((workload, figures) ->
                md.append("- ").append(BenchmarksDoc.escape(workload)).append(": ").append(String.join(", ", figures)).append('\n'));
    }

    private static List<Comparison.Row> rows(Comparison comparison, Comparison.Outcome outcome) {
        return comparison.rows().stream().filter(row -> row.outcome() == outcome).toList();
    }
}
