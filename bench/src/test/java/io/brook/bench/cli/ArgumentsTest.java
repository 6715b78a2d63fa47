package io.brook.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.bench.workload.WorkloadSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void workloadFlagsChangeTheSelectedWorkloads() {
        Arguments arguments = Arguments.parse(List.of("--quick", "--workloads", "produce-1k,e2e-latency", "--record-size", "512",
                "--acks", "all", "--rate", "2500", "--measure-ms", "1500", "--producer-setting", "linger.ms=10",
                "--producer-setting", "batch.size=65536"), WorkloadOptions.VALUE_NAMES, WorkloadOptions.REPEATABLE_NAMES,
                Set.of(WorkloadOptions.QUICK));
        List<WorkloadSpec> specs = WorkloadOptions.selected(arguments);
        assertEquals(2, specs.size());
        for (WorkloadSpec spec : specs) {
            assertEquals(512, spec.recordSizeBytes());
            assertEquals("all", spec.acks());
            assertEquals(1_500, spec.measureMs());
            assertEquals(2_500, spec.targetRecordsPerSecond());
        }
        assertEquals(Map.of("linger.ms", "10", "batch.size", "65536"), arguments.settings("producer-setting"));
    }

    @Test
    void mistakesAreNamed() {
        UsageException unknown = assertThrows(UsageException.class,
                () -> Arguments.parse(List.of("--speed", "fast"), Set.of("rate"), Set.of(), Set.of()));
        assertTrue(unknown.getMessage().contains("--speed"));
        assertThrows(UsageException.class, () -> Arguments.parse(List.of("--rate"), Set.of("rate"), Set.of(), Set.of()));
        Arguments notANumber = Arguments.parse(List.of("--runs", "two"), Set.of("runs"), Set.of(), Set.of());
        assertThrows(UsageException.class, () -> notANumber.number("runs"));
        Arguments badSetting = Arguments.parse(List.of("--producer-setting", "linger"), Set.of(), Set.of("producer-setting"), Set.of());
        assertThrows(UsageException.class, () -> badSetting.settings("producer-setting"));
    }

    @Test
    void theRecordedArgumentsLeaveOutWhereTheFilesWent() {
        assertEquals(List.of("--quick", "--runs", "3"), BenchMain.withoutOutput(List.of("--quick", "--output", "some/where", "--runs", "3")));
    }
}
