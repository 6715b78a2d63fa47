package io.brook.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and resident memory, read from Linux's /proc: {@code /proc/<pid>/stat}
 * fields 14 and 15 (utime, stime, in clock ticks) and the VmRSS line of {@code /proc/<pid>/status}.
 * The root is a parameter so that tests can read recorded files.
 */
public final class ProcFs {
    /** Fields after the command name, which ends at the last ')': field 3 (state) is index 0. */
    private static final int UTIME_INDEX = 14 - 3;
    private static final int STIME_INDEX = 15 - 3;
    private static final long BYTES_PER_KB = 1024;
    private static final long DEFAULT_CLOCK_TICKS_PER_SECOND = 100;

    private final Path root;
    private final long clockTicksPerSecond;

    public ProcFs(Path root, long clockTicksPerSecond) {
        this.root = root;
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** /proc, with the clock tick rate from {@code getconf CLK_TCK} (100 if that cannot be asked). */
    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"), clockTicksPerSecond());
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(output) : DEFAULT_CLOCK_TICKS_PER_SECOND;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_CLOCK_TICKS_PER_SECOND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_CLOCK_TICKS_PER_SECOND;
        }
    }

    /** User plus system CPU seconds the process has used so far. */
    public double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(root.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(fields[UTIME_INDEX]) + Long.parseLong(fields[STIME_INDEX]);
        return (double) ticks / clockTicksPerSecond;
    }

    /** The process's resident set now, in bytes. */
    public long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(root.resolve(Long.toString(pid)).resolve("status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * BYTES_PER_KB;
            }
        }
        throw new IOException("no VmRSS line for process " + pid);
    }
}
