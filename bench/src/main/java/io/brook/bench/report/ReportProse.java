package io.brook.bench.report;

import io.brook.bench.result.BenchReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The words around the numbers, shared by the HTML report and docs/benchmarks.md so that both
 * describe a run the same way: what the machine was, how the runs were made, and the method. All of
 * it comes from the report's machine and settings; nothing here is typed in by hand.
 */
final class ReportProse {
    /** The harness's flag that sets a fixed send rate instead of half of the broker's produce-1k maximum. */
    static final String FIXED_RATE_FLAG = "--rate";
    private static final String UNKNOWN = "unknown";

    /** A label and its value, for a definition list or a bullet. */
    record Fact(String label, String value) {
    }

    private ReportProse() {
    }

    static List<Fact> machine(BenchReport.Machine machine) {
        return List.of(
                new Fact("CPU", orUnknown(machine.cpuModel()) + " (" + machine.cores() + " cores)"),
                new Fact("Memory", FigureFormat.gibibytes(machine.memoryBytes())),
                new Fact("Operating system", orUnknown(machine.operatingSystem())),
                new Fact("Java", orUnknown(machine.javaVersion())));
    }

    static List<Fact> settings(BenchReport.Settings settings) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Runs", settings.runs() + " per broker, in the order " + runOrder(settings)
                + (settings.quick() ? " (quick mode: shorter runs, indicative only)" : "")));
        facts.add(new Fact("Warm-up", FigureFormat.duration(settings.warmupMs()) + " per workload, not measured"));
        facts.add(new Fact("Measured", FigureFormat.duration(settings.measureMs()) + " per workload"));
        facts.add(new Fact("Heap", orUnknown(settings.heap()) + " (-Xms and -Xmx) for every broker"));
        facts.add(new Fact("Kafka version", settings.kafkaVersion() == null ? "none ran" : settings.kafkaVersion()));
        return facts;
    }

    /** The method in two sentences, for the top of the HTML report. */
    static String methodSummary(BenchReport.Settings settings) {
        String first = "Each workload ran " + FigureFormat.duration(settings.warmupMs()) + " of unmeasured warm-up and then "
                + FigureFormat.duration(settings.measureMs()) + " measured, against each broker in turn on this machine, "
                + settings.runs() + " runs in the order " + runOrder(settings) + ", every broker with the same heap limit ("
                + orUnknown(settings.heap()) + ").";
        String second = "Every figure is the median over the runs" + ratioClause(settings)
                + ", and end-to-end latency is measured from each record's intended send time at half of each broker's own"
                + " produce-1k maximum rate unless " + FIXED_RATE_FLAG + " fixed it.";
        return first + " " + second;
    }

    /** "brook, kafka, brook, kafka": the brokers in turn, once per run, as the harness alternates them. */
    static String runOrder(BenchReport.Settings settings) {
        List<String> order = new ArrayList<>();
        for (int run = 0; run < settings.runs(); run++) {
            order.addAll(settings.brokers());
        }
        return String.join(", ", order);
    }

    static String ratioClause(BenchReport.Settings settings) {
        List<String> brokers = settings.brokers();
        if (brokers.size() < 2) {
            return "";
        }
        return ", ratios are " + brokers.get(0) + "/" + brokers.get(1);
    }

    private static String orUnknown(String text) {
        return text == null || text.isBlank() ? UNKNOWN : text;
    }
}
