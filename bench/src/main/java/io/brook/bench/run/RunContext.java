package io.brook.bench.run;

import io.brook.bench.measure.Clock;
import io.brook.bench.measure.ProcFs;
import java.util.Map;

/**
 * Where and how workloads run: the broker's address and process, the run number, extra client
 * settings from the command line, and the shared clock and progress line.
 *
 * @param brokerPid the broker's process id for CPU and memory figures, or -1 when unknown
 */
public record RunContext(
        String brokerName,
        String bootstrapServers,
        long brokerPid,
        int run,
        Map<String, String> producerSettings,
        Map<String, String> consumerSettings,
        Clock clock,
        ProcFs procFs,
        Progress progress) {

    /** A topic name of its own for each workload of each run, so that runs never see each other's records. */
    String topicFor(String workload) {
        return "bench-" + workload + "-run" + run + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    String label(String workload) {
        return brokerName + " run " + run + " " + workload;
    }
}
