package io.brook.bench.cli;

import io.brook.bench.broker.BrokerUnderTest;
import io.brook.bench.broker.BrookBroker;
import io.brook.bench.broker.ReferenceKafka;
import io.brook.bench.measure.Clock;
import io.brook.bench.measure.ProcFs;
import io.brook.bench.report.ResultsJson;
import io.brook.bench.result.BenchReport;
import io.brook.bench.result.WorkloadResult;
import io.brook.bench.run.Progress;
import io.brook.bench.run.RunContext;
import io.brook.bench.run.WorkloadRunner;
import io.brook.bench.workload.WorkloadSpec;
import io.brook.bench.workload.Workloads;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code bin/bench}: measures Kafka-compatible brokers with kafka-clients.
 *
 * <pre>
 *  bin/bench list                         the workloads and their defaults
 *  bin/bench run --bootstrap-server HOST:PORT [--broker-pid PID] [workload options]
 *  bin/bench compare [--runs N] [--heap 1g] [--docs FILE] [workload options]
 *  bin/bench report --input results.json [--output DIR] [--docs FILE]
 *  bin/bench jmh [JMH options]            the JMH microbenchmarks (bin/bench runs io.brook.bench.jmh.JmhMain)
 *
 *  workload options: --quick --workloads a,b --record-size B --partitions N --acks 1|all
 *    --compression none|gzip|snappy|lz4|zstd --rate RECORDS_PER_S --warmup-ms MS --measure-ms MS
 *    --prefill-mb MB --producer-setting k=v --consumer-setting k=v --output DIR
 * </pre>
 */
public final class BenchMain {
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILED = 1;
    private static final int DEFAULT_RUNS = 2;
    private static final String DEFAULT_HEAP = "1g";
    private static final DateTimeFormatter RUN_DIRECTORY_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BenchMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            if (args.length == 0) {
                throw new UsageException("name a command: list, run, compare, report or jmh");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            switch (args[0]) {
                case "list" -> list(out);
                case "run" -> run(rest, out);
                case "compare" -> compare(rest, out);
                case "report" -> report(rest, out);
                default -> throw new UsageException("unknown command " + args[0] + "; the commands are list, run, compare, report and jmh");
            }
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("bin/bench: " + e.getMessage());
            System.exit(EXIT_USAGE);
        } catch (Exception e) {
            System.err.println("bin/bench: " + e);
            e.printStackTrace();
            System.exit(EXIT_FAILED);
        }
        System.exit(0);
    }

    private static void list(PrintStream out) {
        out.printf("%-20s %-10s %8s %10s %5s %-6s %s%n", "workload", "kind", "record B", "partitions", "acks", "codec", "full/quick warm-up+measure");
        for (WorkloadSpec spec : Workloads.all(Workloads.Pace.FULL).values()) {
            out.printf("%-20s %-10s %8d %10d %5s %-6s %d+%d s / %d+%d s%n", spec.name(), spec.kind(), spec.recordSizeBytes(),
                    spec.partitions(), spec.acks(), spec.compression(),
                    Workloads.Pace.FULL.warmupMs() / 1000, Workloads.Pace.FULL.measureMs() / 1000,
                    Workloads.Pace.QUICK.warmupMs() / 1000, Workloads.Pace.QUICK.measureMs() / 1000);
        }
    }

    private static void run(List<String> rest, PrintStream out) throws Exception {
        Arguments arguments = Arguments.parse(rest, union(WorkloadOptions.VALUE_NAMES, "bootstrap-server", "broker-pid", "broker-name", "output"),
                WorkloadOptions.REPEATABLE_NAMES, Set.of(WorkloadOptions.QUICK));
        List<WorkloadSpec> specs = WorkloadOptions.selected(arguments);
        String name = arguments.value("broker-name", "broker");
        long pid = arguments.number("broker-pid") != null ? arguments.number("broker-pid") : -1;
        List<WorkloadResult> results;
        try (Progress progress = progress()) {
            RunContext context = context(arguments, name, arguments.required("bootstrap-server"), pid, 1, progress);
            Workloads.Pace pace = WorkloadOptions.pace(arguments);
            results = WorkloadRunner.runAll(specs, context, Workloads.all(pace), pace.brokerWarmupMs());
        }
        BenchReport report = new BenchReport(Instant.now().toString(), MachineInfo.describe(),
                new BenchReport.Settings(arguments.has(WorkloadOptions.QUICK), 1, List.of(name), null,
                        specs.get(0).warmupMs(), specs.get(0).measureMs(), null, withoutOutput(rest)),
                results);
        ReportFiles.write(report, outputDirectory(arguments), null, out);
    }

    private static void compare(List<String> rest, PrintStream out) throws Exception {
        Arguments arguments = Arguments.parse(rest,
                union(WorkloadOptions.VALUE_NAMES, "runs", "heap", "output", "docs", "repository", "reference-kafka"),
                WorkloadOptions.REPEATABLE_NAMES, Set.of(WorkloadOptions.QUICK));
        List<WorkloadSpec> specs = WorkloadOptions.selected(arguments);
        int runs = Math.toIntExact(arguments.number("runs") != null ? arguments.number("runs") : DEFAULT_RUNS);
        if (runs < 1) {
            throw new UsageException("--runs must be at least 1");
        }
        String heap = arguments.value("heap", DEFAULT_HEAP);
        Path repository = Path.of(arguments.value("repository", defaultRepository().toString())).toAbsolutePath();
        Path referenceKafka = Path.of(arguments.value("reference-kafka",
                repository.resolve("../shared/tools/reference-kafka/reference-kafka").normalize().toString()));
        if (!Files.isExecutable(referenceKafka)) {
            throw new UsageException("reference-kafka is not at " + referenceKafka + "; give its path with --reference-kafka");
        }
        String kafkaVersion = ReferenceKafka.version(referenceKafka);
        List<WorkloadResult> results = new ArrayList<>();
        try (Progress progress = progress()) {
            for (int run = 1; run <= runs; run++) {
                try (BrokerUnderTest brook = BrookBroker.start(repository, heap)) {
                    results.addAll(runAgainst(brook, run, arguments, specs, progress));
                }
                try (BrokerUnderTest kafka = ReferenceKafka.start(referenceKafka, heap)) {
                    results.addAll(runAgainst(kafka, run, arguments, specs, progress));
                }
            }
        }
        BenchReport report = new BenchReport(Instant.now().toString(), MachineInfo.describe(),
                new BenchReport.Settings(arguments.has(WorkloadOptions.QUICK), runs, List.of("brook", "kafka"), heap,
                        specs.get(0).warmupMs(), specs.get(0).measureMs(), kafkaVersion, withoutOutput(rest)),
                results);
        String docs = arguments.value("docs", null);
        ReportFiles.write(report, outputDirectory(arguments), docs == null ? null : Path.of(docs), out);
    }

    private static List<WorkloadResult> runAgainst(BrokerUnderTest broker, int run, Arguments arguments, List<WorkloadSpec> specs,
                                                   Progress progress) throws Exception {
        RunContext context = context(arguments, broker.name(), broker.bootstrapServers(), broker.pid(), run, progress);
        Workloads.Pace pace = WorkloadOptions.pace(arguments);
        return WorkloadRunner.runAll(specs, context, Workloads.all(pace), pace.brokerWarmupMs());
    }

    private static void report(List<String> rest, PrintStream out) throws Exception {
        Arguments arguments = Arguments.parse(rest, Set.of("input", "output", "docs"), Set.of(), Set.of());
        BenchReport report = ResultsJson.read(Files.readString(Path.of(arguments.required("input")), StandardCharsets.UTF_8));
        String docs = arguments.value("docs", null);
        ReportFiles.write(report, outputDirectory(arguments), docs == null ? null : Path.of(docs), out);
    }

    private static RunContext context(Arguments arguments, String name, String bootstrap, long pid, int run, Progress progress) {
        return new RunContext(name, bootstrap, pid, run, arguments.settings("producer-setting"), arguments.settings("consumer-setting"),
                Clock.SYSTEM, ProcFs.system(), progress);
    }

    private static Progress progress() {
        return new Progress(System.err, System.console() != null, Clock.SYSTEM);
    }

    private static Path outputDirectory(Arguments arguments) {
        String given = arguments.value("output", null);
        return given != null ? Path.of(given) : Path.of("bench-results", RUN_DIRECTORY_NAME.format(Instant.now()));
    }

    /** The repository this harness was built in: bench/target/<jar> is three levels below it. */
    private static Path defaultRepository() {
        try {
            Path jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arguments that shape a run: where its files went is this machine's business, not the report's. */
    static List<String> withoutOutput(List<String> arguments) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("--output")) {
                i++;
            } else {
                kept.add(arguments.get(i));
            }
        }
        return kept;
    }

    private static Set<String> union(Set<String> names, String... more) {
        Set<String> all = new HashSet<>(names);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
