package io.brook.bench.result;

import java.util.List;

/**
 * Everything one invocation of the harness measured: where, how, and the results of every
 * (broker, run, workload).
 *
 * @param generatedAt ISO-8601 instant at which the runs finished
 * @param machine the machine the runs ran on
 * @param settings how the runs were made
 */
public record BenchReport(String generatedAt, Machine machine, Settings settings, List<WorkloadResult> results) {

    /** @param memoryBytes physical memory */
    public record Machine(String cpuModel, int cores, long memoryBytes, String operatingSystem, String javaVersion) {
    }

    /**
     * @param brokers the broker names in the order they ran within each run (ours first)
     * @param heap the JVM heap limit both brokers ran with (-Xms and -Xmx), e.g. "1g"
     * @param kafkaVersion the reference Kafka's version, when one ran
     * @param arguments the command's arguments as given, so that the report can say how to repeat it
     */
    public record Settings(boolean quick, int runs, List<String> brokers, String heap, long warmupMs, long measureMs,
                           String kafkaVersion, List<String> arguments) {
    }
}
