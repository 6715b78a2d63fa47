package io.brook.bench.cli;

import io.brook.bench.result.BenchReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine the runs ran on, from /proc where Linux has it. */
final class MachineInfo {
    private static final long BYTES_PER_KB = 1024;

    private MachineInfo() {
    }

    static BenchReport.Machine describe() {
        return new BenchReport.Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memoryBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").orElse("unknown");
    }

    private static long memoryBytes() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal")
                .map(value -> Long.parseLong(value.split("\\s+")[0]) * BYTES_PER_KB)
                .orElse(-1L);
    }

    private static Optional<String> procLine(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.startsWith(key)) {
                    return Optional.of(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
