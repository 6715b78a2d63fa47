package io.brook.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.bench.measure.LatencySummary;
import io.brook.bench.measure.Throughput;
import io.brook.bench.result.BenchReport;
import io.brook.bench.result.WorkloadResult;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlReportTest {
    private static final String DOCTYPE = "<!DOCTYPE html>\n";
    private static final String HOSTILE = "<script>alert('x')</script>&\"";

    @Test
    void isWellFormedMarkupWithTheTableAndEveryChart() throws Exception {
        String html = HtmlReport.render(Reports.sample());

        Document page = parse(html);

        assertEquals("html", page.getDocumentElement().getTagName());
        List<String> chartTitles = chartTitles(page);
        assertEquals(List.of(
                "Throughput (MB/s, higher is better)", "Throughput (records/s, higher is better)",
                "Latency percentiles: produce-1k (ms, lower is better)", "Latency percentiles: produce-1k-6p (ms, lower is better)",
                "Latency percentiles: produce-1k-acks-all (ms, lower is better)",
                "Latency percentiles: produce-100b (ms, lower is better)", "Latency percentiles: produce-100k (ms, lower is better)",
                "Latency percentiles: produce-1k-lz4 (ms, lower is better)", "Latency percentiles: produce-1k-zstd (ms, lower is better)",
                "Latency percentiles: e2e-latency (ms, lower is better)",
                "Broker CPU per GB moved (s/GB, lower is better)", "Broker peak resident memory (MiB, lower is better)"), chartTitles);
        assertEquals(Comparison.of(Reports.sample()).rows().size() + 1, countElements(page, "tr"),
                "a header row and one row per comparison row");
    }

    @Test
    void isSelfContained() {
        String html = HtmlReport.render(Reports.sample());

        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("src="), "no images, frames or scripts loaded from elsewhere");
        assertFalse(html.contains("@import"), "no external styles");
        assertEquals(List.of("http://www.w3.org/2000/svg"), urls(html), "the SVG namespace is the only URL, and it is not fetched");
    }

    @Test
    void theHeaderSaysWhenWhereAndHow() {
        String html = HtmlReport.render(Reports.sample());

        assertTrue(html.contains("Generated at 2025-06-02T14:31:07.412Z"), "generated at");
        assertTrue(html.contains("sample data for tests, not a measurement (8 cores)"), "machine");
        assertTrue(html.contains("2 per broker, in the order brook, kafka, brook, kafka"), "settings");
        assertTrue(html.contains("ratios are brook/kafka"), "method");
    }

    @Test
    void chartsHaveLegendsAxesAndTickLabels() throws Exception {
        Document page = parse(HtmlReport.render(Reports.sample()));

        Element latencyChart = svgs(page).get(2);
        List<String> texts = texts(latencyChart);

        assertTrue(texts.containsAll(List.of("brook", "kafka")), "legend: " + texts);
        assertTrue(texts.containsAll(PercentileChart.POINT_LABELS), "x ticks: " + texts);
        assertTrue(texts.contains("latency (ms, log scale)"), "y axis title: " + texts);
        assertTrue(texts.containsAll(List.of("1", "10", "100")), "y ticks by decade: " + texts);
        assertEquals(2, latencyChart.getElementsByTagName("path").getLength(), "one line per broker");
        assertEquals(2 * PercentileChart.POINT_LABELS.size(), latencyChart.getElementsByTagName("circle").getLength());
        Element throughputChart = svgs(page).get(0);
        assertEquals(2 * 9, countRects(throughputChart) - 2, "a bar per broker and workload, besides two legend swatches");
    }

    @Test
    void escapesHostileNamesEverywhere() throws Exception {
        LatencySummary latency = new LatencySummary(10, 1, 2, 3, 4, 5, 6);
        List<WorkloadResult> results = List.of(
                new WorkloadResult(HOSTILE, 1, HOSTILE, new Throughput(10, 10, 1), latency, 1, 1, 0),
                new WorkloadResult("kafka", 1, HOSTILE, new Throughput(10, 10, 1), latency, 1, 1, 0));
        BenchReport report = new BenchReport(HOSTILE, new BenchReport.Machine(HOSTILE, 1, 1, HOSTILE, HOSTILE),
                new BenchReport.Settings(false, 1, List.of(HOSTILE, "kafka"), HOSTILE, 1, 1, HOSTILE, List.of(HOSTILE)), results);

        String html = HtmlReport.render(report);

        assertFalse(html.contains("<script"), "a name must not open a script");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), "escaped, not dropped");
        Document page = parse(html);
        assertTrue(texts(page.getDocumentElement()).stream().anyMatch(text -> text.equals(HOSTILE)),
                "the name reads back as itself");
    }

    @Test
    void aChartOfMissingValuesSaysSoInsteadOfDrawingBars() throws Exception {
        List<WorkloadResult> results = List.of(Reports.throughput("brook", 1, "produce-1k", 5));
        BenchReport report = Reports.report(List.of("brook", "kafka"), results);

        Document page = parse(HtmlReport.render(report));

        Element throughputChart = svgs(page).get(0);
        assertTrue(texts(throughputChart).contains("not measured"), "kafka has no produce-1k run");
        assertEquals(2, svgs(page).size(), "no latency, CPU or RSS charts when nothing of them is known");
    }

    /** Parses the page as XML, which only works if every element is closed and every entity is escaped. */
    static Document parse(String html) throws Exception {
        assertTrue(html.startsWith(DOCTYPE));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html.substring(DOCTYPE.length()))));
    }

    private static List<Element> svgs(Document page) {
        NodeList nodes = page.getElementsByTagName("svg");
        List<Element> svgs = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            svgs.add((Element) nodes.item(i));
        }
        return svgs;
    }

    private static List<String> chartTitles(Document page) {
        return svgs(page).stream().map(svg -> svg.getAttribute("aria-label")).toList();
    }

    private static List<String> texts(Element root) {
        NodeList nodes = root.getElementsByTagName("*");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getChildNodes().getLength() == 1 && element.getFirstChild().getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                texts.add(element.getTextContent());
            }
        }
        return texts;
    }

    private static int countRects(Element svg) {
        return svg.getElementsByTagName("rect").getLength();
    }

    private static int countElements(Document page, String tag) {
        return page.getElementsByTagName(tag).getLength();
    }

    private static List<String> urls(String html) {
        Matcher matcher = Pattern.compile("(https?|ftp)://[^\"'\\s)]+").matcher(html);
        List<String> urls = new ArrayList<>();
        while (matcher.find()) {
            if (!urls.contains(matcher.group())) {
                urls.add(matcher.group());
            }
        }
        return urls;
    }
}
