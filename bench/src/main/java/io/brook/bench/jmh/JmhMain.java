package io.brook.bench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@code bin/bench jmh [JMH options]}: JMH's own command line ({@link Main}), followed by the
 * allocation per batch of every benchmark whose operation is one MiB of batches of its
 * {@code batchBytes} parameter ({@link OneMiBOfBatches}), when it ran with {@code -prof gc}.
 */
public final class JmhMain {
    /** The parameter that names the batch size of a benchmark whose operation is one MiB of batches. */
    static final String BATCH_BYTES_PARAM = "batchBytes";
    static final String ALLOCATION_PER_OP = "gc.alloc.rate.norm";

    private JmhMain() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            Main.main(args);
            return;
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            Main.main(args);
            return;
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (NoBenchmarksException e) {
            System.err.println("No benchmark matches; bin/bench jmh -l lists them.");
            System.exit(1);
            return;
        } catch (RunnerException e) {
            System.err.print("ERROR: ");
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        printAllocationPerBatch(rows(results), System.out);
    }

    /** One benchmark run whose operation is one MiB of batches, with what it allocated per operation. */
    record Row(String benchmark, int batchBytes, double score, double scoreError, String scoreUnit,
               double bytesPerOp, double bytesPerOpError) {
        int batchesPerOp() {
            return OneMiBOfBatches.MIB_BYTES / batchBytes;
        }

        double bytesPerBatch() {
            return bytesPerOp / batchesPerOp();
        }

        double bytesPerBatchError() {
            return bytesPerOpError / batchesPerOp();
        }
    }

    static List<Row> rows(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String batchBytes = result.getParams().getParam(BATCH_BYTES_PARAM);
            Result<?> allocation = result.getSecondaryResults().get(ALLOCATION_PER_OP);
            if (batchBytes == null || allocation == null) {
                continue;
            }
            Result<?> primary = result.getPrimaryResult();
            rows.add(new Row(shortName(result.getParams().getBenchmark()), Integer.parseInt(batchBytes), primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit(), allocation.getScore(), allocation.getScoreError()));
        }
        return rows;
    }

    /** {@code Class.method} without the package, as JMH's own table names benchmarks. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    static void printAllocationPerBatch(List<Row> rows, PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.println("Allocation per batch: " + ALLOCATION_PER_OP + " (B/op, one op = 1 MiB) / batches per op (1048576 / batchBytes)");
        out.printf(Locale.ROOT, "%-36s %10s %22s %8s %22s %16s%n", "Benchmark", "batchBytes", "score", "batches", "B/op", "B/batch");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-36s %10d %22s %8d %22s %16s%n", row.benchmark(), row.batchBytes(),
                    withError(row.score(), row.scoreError()) + " " + row.scoreUnit(), row.batchesPerOp(),
                    withError(row.bytesPerOp(), row.bytesPerOpError()), withError(row.bytesPerBatch(), row.bytesPerBatchError()));
        }
    }

    private static String withError(double value, double error) {
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.1f ± %.1f", value, error);
    }
}
