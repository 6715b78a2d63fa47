package io.brook.bench.cli;

import io.brook.bench.report.BenchmarksDoc;
import io.brook.bench.report.ComparisonTable;
import io.brook.bench.report.HtmlReport;
import io.brook.bench.report.ResultsJson;
import io.brook.bench.result.BenchReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what a run found: the table to the terminal, and results.json, comparison.txt and
 * report.html to a directory; with a docs file, also that file and the results behind it next to it
 * (docs/benchmarks.md and docs/benchmarks.json), so that the published figures carry their data.
 * The hand-written sections at the end of the docs file (after
 * {@link BenchmarksDoc#KEPT_SECTIONS_MARKER}) are kept.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Also regenerates {@code docs} (docs/benchmarks.md) when it is not null. */
    static void write(BenchReport report, Path directory, Path docs, PrintStream out) throws IOException {
        Files.createDirectories(directory);
        String table = ComparisonTable.render(report);
        Files.writeString(directory.resolve("results.json"), ResultsJson.write(report), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("comparison.txt"), table, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.html"), HtmlReport.render(report), StandardCharsets.UTF_8);
        out.println();
        out.print(table);
        out.println();
        out.println("Results: " + directory.resolve("results.json"));
        out.println("Report:  " + directory.resolve("report.html"));
        if (docs != null) {
            Path data = docs.resolveSibling(docs.getFileName().toString().replaceFirst("\\.md$", "") + ".json");
            String previous = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : null;
            Files.writeString(docs, BenchmarksDoc.withKeptSections(BenchmarksDoc.render(report), previous), StandardCharsets.UTF_8);
            Files.writeString(data, ResultsJson.write(report), StandardCharsets.UTF_8);
            out.println("Docs:    " + docs + " (data: " + data + ")");
        }
    }
}
