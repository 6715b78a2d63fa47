package io.brook.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    @Test
    void cpuIsUserPlusSystemTicksOverTheTickRate(@TempDir Path root) throws IOException {
        Path process = Files.createDirectories(root.resolve("4242"));
        // A command name with spaces and parentheses, as a JVM thread name can have; utime=1234, stime=566.
        Files.writeString(process.resolve("stat"),
                "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 90000 0 12 0 1234 566 0 0 20 0 40 0 500 8000000000 250000 18446744073709551615\n");
        assertEquals(18.0, new ProcFs(root, 100).cpuSeconds(4242), 1e-9);
        assertEquals(1.8, new ProcFs(root, 1000).cpuSeconds(4242), 1e-9);
    }

    @Test
    void residentMemoryIsTheVmRssLineInBytes(@TempDir Path root) throws IOException {
        Path process = Files.createDirectories(root.resolve("7"));
        Files.writeString(process.resolve("status"), "Name:\tjava\nVmPeak:\t 9999999 kB\nVmRSS:\t  524288 kB\nThreads:\t40\n");
        assertEquals(512L * 1024 * 1024, new ProcFs(root, 100).residentBytes(7));
    }

    @Test
    void aProcessWithoutVmRssIsAnError(@TempDir Path root) throws IOException {
        Path process = Files.createDirectories(root.resolve("8"));
        Files.writeString(process.resolve("status"), "Name:\tzombie\n");
        assertThrows(IOException.class, () -> new ProcFs(root, 100).residentBytes(8));
    }
}
