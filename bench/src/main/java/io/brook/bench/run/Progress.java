package io.brook.bench.run;

import io.brook.bench.measure.Clock;
import io.brook.bench.measure.Throughput;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live line of the workload that is running: its label, phase, elapsed time and the rates
 * measured so far. On a terminal the line is redrawn in place twice a second; into a file or a pipe
 * a line is written every five seconds instead, so that logs stay readable.
 */
public final class Progress implements AutoCloseable {
    private static final long TERMINAL_INTERVAL_MS = 500;
    private static final long LOG_INTERVAL_MS = 5_000;

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });

    public Progress(PrintStream out, boolean terminal, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** What the line shows for one workload. */
    interface Source {
        String phase();

        /** Measured records and bytes so far, and the measured time they took (zero before measuring starts). */
        Throughput measuredSoFar();
    }

    /** One workload's line, redrawn until {@link #finish()}. */
    final class Line {
        private final String label;
        private final Source source;
        private final long startNs = clock.nanoTime();
        private final ScheduledFuture<?> redraw;

        private Line(String label, Source source) {
            this.label = label;
            this.source = source;
            long intervalMs = terminal ? TERMINAL_INTERVAL_MS : LOG_INTERVAL_MS;
            redraw = timer.scheduleAtFixedRate(() -> print(false), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }

        /** Stops redrawing and prints the final figures. */
        void finish() {
            redraw.cancel(false);
            print(true);
        }

        private void print(boolean last) {
            Throughput soFar = source.measuredSoFar();
            String line = String.format(Locale.ROOT, "%-36s %-10s %6.1fs %,12.0f rec/s %9.1f MB/s",
                    label, last ? "done" : source.phase(), (clock.nanoTime() - startNs) / 1e9,
                    soFar.recordsPerSecond(), soFar.megabytesPerSecond());
            synchronized (out) {
                if (terminal) {
                    out.print("\r" + line + (last ? "\n" : ""));
                } else {
                    out.println(line);
                }
                out.flush();
            }
        }
    }

    Line start(String label, Source source) {
        return new Line(label, source);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
