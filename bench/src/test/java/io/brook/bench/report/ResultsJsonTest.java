package io.brook.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.bench.measure.LatencySummary;
import io.brook.bench.measure.Throughput;
import io.brook.bench.result.BenchReport;
import io.brook.bench.result.WorkloadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
    /** Doubles whose shortest decimal form is long or awkward: each must come back bit for bit. */
    private static final double[] AWKWARD_DOUBLES = {
        0.1 + 0.2, Math.PI, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 123456789.00000001, -0.0, 1e21, 4.9e-324 * 3,
    };

    @Test
    void aFullReportRoundTripsToAnEqualReport() {
        BenchReport report = fullReport();

        String json = ResultsJson.write(report);

        assertEquals(report, ResultsJson.read(json));
    }

    @Test
    void doublesRoundTripExactly() {
        for (double value : AWKWARD_DOUBLES) {
            LatencySummary latency = new LatencySummary(1, value, value, value, value, value, value);
            WorkloadResult result = new WorkloadResult("b", 1, "w", new Throughput(1, 1, 1), latency, value, 1, value);
            BenchReport report = Reports.report(List.of("b"), List.of(result));

            BenchReport read = ResultsJson.read(ResultsJson.write(report));

            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(read.results().get(0).brokerCpuSeconds()),
                    () -> "value " + value);
            assertEquals(report, read);
        }
    }

    @Test
    void unknownFiguresAreWrittenAsNull() {
        WorkloadResult unknown = new WorkloadResult("brook", 1, "consume-1k", new Throughput(10, 10_240, Reports.ONE_SECOND_NS),
                null, Double.NaN, -1, 0);
        BenchReport report = Reports.report(List.of("brook"), List.of(unknown));

        String json = ResultsJson.write(report);

        assertTrue(json.contains("\"latencyMs\": null"), json);
        assertTrue(json.contains("\"brokerCpuSeconds\": null"), json);
        assertTrue(json.contains("\"brokerCpuSecondsPerGb\": null"), json);
        assertTrue(json.contains("\"brokerPeakRssBytes\": null"), json);
        assertTrue(json.contains("\"targetRecordsPerSecond\": 0.0"), json);
        assertEquals(report, ResultsJson.read(json));
    }

    @Test
    void fieldsAreWrittenInTheDocumentedOrder() {
        String json = ResultsJson.write(fullReport());

        assertInOrder(json, "\"generatedAt\"", "\"machine\"", "\"cpuModel\"", "\"cores\"", "\"memoryBytes\"",
                "\"operatingSystem\"", "\"javaVersion\"", "\"settings\"", "\"quick\"", "\"runs\"", "\"brokers\"", "\"heap\"",
                "\"warmupMs\"", "\"measureMs\"", "\"kafkaVersion\"", "\"results\"", "\"broker\"", "\"run\"", "\"workload\"",
                "\"records\"", "\"bytes\"", "\"elapsedNs\"", "\"recordsPerSecond\"", "\"megabytesPerSecond\"", "\"latencyMs\"",
                "\"count\"", "\"p50\"", "\"p90\"", "\"p99\"", "\"p999\"", "\"p9999\"", "\"max\"", "\"brokerCpuSeconds\"",
                "\"brokerCpuSecondsPerGb\"", "\"brokerPeakRssBytes\"", "\"targetRecordsPerSecond\"");
    }

    @Test
    void derivedRatesAreWrittenAsNumbersAndIgnoredWhenRead() {
        WorkloadResult result = new WorkloadResult("brook", 1, "produce-1k", new Throughput(2_000, 2L << 20, 2 * Reports.ONE_SECOND_NS),
                null, 0.5, 1L << 30, 0);
        BenchReport report = Reports.report(List.of("brook"), List.of(result));
        String json = ResultsJson.write(report);
        assertTrue(json.contains("\"recordsPerSecond\": 1000.0"), json);
        assertTrue(json.contains("\"megabytesPerSecond\": 1.0"), json);
        assertTrue(json.contains("\"brokerCpuSecondsPerGb\": " + result.brokerCpuSecondsPerGb()), json);

        String edited = json.replace("\"recordsPerSecond\": 1000.0", "\"recordsPerSecond\": 5.0");

        assertEquals(report, ResultsJson.read(edited));
    }

    @Test
    void readingNamesTheMemberThatIsMissingOrOfTheWrongType() {
        String json = ResultsJson.write(fullReport());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ResultsJson.read(json.replaceFirst("\"elapsedNs\"", "\"elapsedMs\"")));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> ResultsJson.read(json.replaceFirst("\"cores\": 4", "\"cores\": \"four\"")));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> ResultsJson.read(json.replaceFirst("\"run\": 1", "\"run\": 1.5")));

        assertEquals("results[0].elapsedNs: missing", missing.getMessage());
        assertEquals("machine.cores: expected a number, found a string", wrongType.getMessage());
        assertEquals("results[0].run: expected a whole number that fits 64 bits, found 1.5", fraction.getMessage());
    }

    @Test
    void readingMalformedJsonSaysItIsNotJson() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> ResultsJson.read("{\"generatedAt\": }"));

        assertTrue(e.getMessage().contains("line 1, column 17"), e.getMessage());
    }

    @Test
    void theSampleResultsFileIsARoundTrippingReportOfTwoBrokersTwoRunsAndNineWorkloads() {
        String json = Reports.sampleJson();

        BenchReport sample = ResultsJson.read(json);

        assertEquals(List.of("brook", "kafka"), sample.settings().brokers());
        assertEquals(2 * 2 * 9, sample.results().size());
        assertTrue(sample.machine().cpuModel().contains("sample data"), "the sample says it is not a measurement");
        assertEquals(json, ResultsJson.write(sample), "the sample is exactly what the writer writes");
    }

    /** Every kind of value: NaN and unknowns, a missing latency, escapes, non-ASCII text and awkward doubles. */
    private static BenchReport fullReport() {
        BenchReport.Machine machine = new BenchReport.Machine("Intel\u00ae \"Xeon\" \\ 8\u00d7 \ud83d\ude80\ttab\nnewline\u0001",
                4, 34_359_738_368L, "Linux 6.1 \u2014 \u65e5\u672c", "17.0.15");
        BenchReport.Settings settings = new BenchReport.Settings(true, 2, List.of("brook", "kafka"), "1g", 3_000, 10_000, null,
                List.of("--quick", "--workloads", "é,\"q\""));
        List<WorkloadResult> results = List.of(
                new WorkloadResult("brook", 1, "produce-1k", new Throughput(1_234_567, 1_264_196_608, 10_000_123_456L),
                        new LatencySummary(1_234_567, 0.1 + 0.2, 2.5, Math.PI, 1e-300, Double.NaN, Double.MAX_VALUE),
                        12.345678901234567, 734_003_200L, 0),
                new WorkloadResult("kafka", 1, "consume-1k", new Throughput(0, 0, 0), null, Double.NaN, -1, 0),
                new WorkloadResult("kafka", 2, "e2e-latency", new Throughput(Long.MAX_VALUE, 5, 1),
                        new LatencySummary(3, 1, 2, 3, 4, 5, 6), -0.0, Long.MAX_VALUE, 123_456.75));
        return new BenchReport("2025-06-02T14:31:07.412Z", machine, settings, results);
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, () -> part + " is missing or out of order");
            from = at + part.length();
        }
    }
}
