package io.brook.bench.report;

import io.brook.bench.result.BenchReport;
import java.util.List;

/**
 * The comparison as one self-contained HTML page: inline CSS and inline SVG charts, no script and
 * nothing fetched, so it opens offline, from a CI artifact or an e-mail, exactly as it was made.
 * Every piece of text from the results is escaped. The markup is also well-formed XML (every
 * element closed, void elements self-closed), which the tests check by parsing it.
 */
public final class HtmlReport {
    private static final String CSS = """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937;
                   max-width: 1000px; margin: 24px auto; padding: 0 16px; }
            h1 { font-size: 22px; margin-bottom: 4px; }
            h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
            .generated { color: #6b7280; margin-top: 0; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
            dl.facts dt { font-weight: 600; }
            dl.facts dd { margin: 0; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
            th, td { padding: 3px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; white-space: nowrap; }
            th { background: #f3f4f6; }
            .num { text-align: right; }
            tr.workload-start td { border-top: 2px solid #9ca3af; }
            td.first { color: #1d4ed8; font-weight: 600; }
            td.second { color: #c2410c; font-weight: 600; }
            .charts { display: flex; flex-wrap: wrap; gap: 0 16px; }
            figure { margin: 20px 0; }
            figure.wide { flex: 1 1 100%; }
            figure.half { flex: 1 1 400px; max-width: calc(50% - 8px); }
            svg { max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            """;

    private HtmlReport() {
    }

    public static String render(BenchReport report) {
        Comparison comparison = Comparison.of(report);
        String title = "Benchmark: " + String.join(" vs ", comparison.brokers());
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                // An empty icon, so a browser does not go looking for /favicon.ico.
                .append("<link rel=\"icon\" href=\"data:,\"/>\n")
                .append("<title>").append(Markup.escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Markup.escape(title)).append("</h1>\n");
        html.append("<p class=\"generated\">Generated at ").append(Markup.escape(report.generatedAt())).append("</p>\n");
        html.append("<h2>Machine</h2>\n");
        facts(html, ReportProse.machine(report.machine()));
        html.append("<h2>Settings</h2>\n");
        facts(html, ReportProse.settings(report.settings()));
        html.append("<h2>Method</h2>\n<p>").append(Markup.escape(ReportProse.methodSummary(report.settings()))).append("</p>\n");
        // The charts come first: they are what a reader looks at; the table holds every figure after them.
        html.append("<h2>Charts</h2>\n");
        html.append("<div class=\"charts\">\n");
        for (ReportCharts.Chart chart : ReportCharts.all(report, comparison)) {
            html.append(chart.wide() ? "<figure class=\"wide\">\n" : "<figure class=\"half\">\n")
                    .append(chart.svg().render()).append("</figure>\n");
        }
        html.append("</div>\n");
        html.append("<h2>Comparison</h2>\n");
        table(html, comparison);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void facts(StringBuilder html, List<ReportProse.Fact> facts) {
        html.append("<dl class=\"facts\">\n");
        for (ReportProse.Fact fact : facts) {
            html.append("<dt>").append(Markup.escape(fact.label())).append("</dt><dd>")
                    .append(Markup.escape(fact.value())).append("</dd>\n");
        }
        html.append("</dl>\n");
    }

    private static void table(StringBuilder html, Comparison comparison) {
        ComparisonCells cells = ComparisonCells.of(comparison);
        html.append("<table>\n<thead><tr>");
        for (int column = 0; column < cells.header().size(); column++) {
            html.append(cells.numeric().get(column) ? "<th class=\"num\">" : "<th>")
                    .append(Markup.escape(cells.header().get(column))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        String previousWorkload = null;
        for (int r = 0; r < cells.rows().size(); r++) {
            List<String> row = cells.rows().get(r);
            String workload = comparison.rows().get(r).workload();
            html.append(workload.equals(previousWorkload) ? "<tr>" : "<tr class=\"workload-start\">");
            previousWorkload = workload;
            for (int column = 0; column < row.size(); column++) {
                html.append("<td").append(cellClass(comparison, cells, column, row.get(column))).append('>')
                        .append(Markup.escape(row.get(column))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Numbers are right-aligned; the "better" cell takes the winning broker's colour. */
    private static String cellClass(Comparison comparison, ComparisonCells cells, int column, String cell) {
        if (cells.numeric().get(column)) {
            return " class=\"num\"";
        }
        int verdictColumn = comparison.comparesTwoBrokers() ? cells.header().size() - 1 : -1;
        if (column == verdictColumn) {
            if (cell.equals(comparison.brokers().get(0))) {
                return " class=\"first\"";
            }
            if (cell.equals(comparison.brokers().get(1))) {
                return " class=\"second\"";
            }
        }
        return "";
    }
}
