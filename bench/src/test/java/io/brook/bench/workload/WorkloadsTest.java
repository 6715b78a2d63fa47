package io.brook.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void theNamedWorkloadsAreStableAndProduce1kComesFirst() {
        assertEquals(List.of("produce-1k", "produce-1k-6p", "produce-1k-acks-all", "produce-100b", "produce-100k",
                "produce-1k-lz4", "produce-1k-zstd", "consume-1k", "e2e-latency"),
                List.copyOf(Workloads.all(Workloads.Pace.FULL).keySet()));
    }

    @Test
    void eachWorkloadIsWhatItsNameSays() {
        var all = Workloads.all(Workloads.Pace.FULL);
        assertEquals(6, all.get("produce-1k-6p").partitions());
        assertEquals("all", all.get("produce-1k-acks-all").acks());
        assertEquals(100, all.get("produce-100b").recordSizeBytes());
        assertEquals(100 * 1024, all.get("produce-100k").recordSizeBytes());
        assertEquals("lz4", all.get("produce-1k-lz4").compression());
        assertEquals("zstd", all.get("produce-1k-zstd").compression());
        assertEquals(WorkloadSpec.Kind.CONSUME, all.get("consume-1k").kind());
        assertEquals(WorkloadSpec.Kind.END_TO_END, all.get("e2e-latency").kind());
        assertEquals(0, all.get("e2e-latency").targetRecordsPerSecond(), "e2e defaults to half of produce-1k");
    }

    @Test
    void quickRunsAreShorter() {
        WorkloadSpec full = Workloads.all(Workloads.Pace.FULL).get("produce-1k");
        WorkloadSpec quick = Workloads.all(Workloads.Pace.QUICK).get("produce-1k");
        assertTrue(quick.warmupMs() + quick.measureMs() < full.warmupMs() + full.measureMs());
    }

    @Test
    void selectionKeepsCatalogueOrderAndRejectsUnknownNames() {
        List<WorkloadSpec> selected = Workloads.select(Workloads.Pace.QUICK, List.of("e2e-latency", "produce-100b"));
        assertEquals(List.of("produce-100b", "e2e-latency"), selected.stream().map(WorkloadSpec::name).toList());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Workloads.select(Workloads.Pace.QUICK, List.of("produce-1m")));
        assertTrue(unknown.getMessage().contains("produce-1k"), "the error lists the known workloads");
    }

    @Test
    void endToEndRecordsMustHoldTheirSendTime() {
        WorkloadSpec e2e = Workloads.all(Workloads.Pace.QUICK).get("e2e-latency");
        assertThrows(IllegalArgumentException.class, () -> e2e.withRecordSizeBytes(7));
    }
}
