package io.brook.log;

import static io.brook.log.PartitionLogTest.appendOk;
import static io.brook.log.PartitionLogTest.readAll;
import static io.brook.log.PartitionLogTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.testing.TestBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory: its lock, loading and creating partitions, removing orphans and deleted partitions. */
class LogManagerTest {
    private static final LogConfig CONFIG = new LogConfig(1 << 20, 0);
    private static final TopicPartition KEPT = new TopicPartition("kept", 0);
    private static final TopicPartition ORPHAN = new TopicPartition("orphan", 1);
    private static final TopicPartition MISSING = new TopicPartition("missing", 2);

    @TempDir
    Path dataDirectory;

    @Test
    void secondManagerOnSameDirectoryFailsWhileFirstHoldsTheLock() throws IOException {
        try (LogManager first = LogManager.open(dataDirectory, CONFIG)) {
            IOException failure = assertThrows(IOException.class, () -> LogManager.open(dataDirectory, CONFIG).close());
            assertTrue(failure.getMessage().contains(dataDirectory.toString()), failure.getMessage());
            assertSame(dataDirectory, first.dataDirectory());
        }
    }

    @Test
    void secondManagerOpensAfterTheFirstCloses() throws IOException {
        LogManager.open(dataDirectory, CONFIG).close();
        try (LogManager second = LogManager.open(dataDirectory, CONFIG)) {
            assertEquals(dataDirectory, second.dataDirectory());
        }
    }

    @Test
    void failedOpenDoesNotKeepTheLockFileOpen() throws IOException {
        try (LogManager first = LogManager.open(dataDirectory, CONFIG)) {
            assertThrows(IOException.class, () -> LogManager.open(dataDirectory, CONFIG).close());
            assertThrows(IOException.class, () -> LogManager.open(dataDirectory, CONFIG).close());
        }
        LogManager.open(dataDirectory, CONFIG).close();
    }

    @Test
    void openCreatesMissingDataDirectory() throws IOException {
        Path nested = dataDirectory.resolve("a").resolve("b");
        try (LogManager manager = LogManager.open(nested, CONFIG)) {
            assertTrue(Files.isDirectory(nested));
            assertEquals(nested, manager.dataDirectory());
        }
    }

    @Test
    void loadOpensKnownPartitionsCreatesMissingOnesAndDeletesOrphans() throws IOException {
        try (LogManager manager = LogManager.open(dataDirectory, CONFIG)) {
            appendOk(manager.create(KEPT), TestBatches.ofValues("k0", "k1"));
            appendOk(manager.create(ORPHAN), TestBatches.ofValues("o0"));
        }
        Path unrelated = Files.createDirectory(dataDirectory.resolve("notes"));

        try (LogManager manager = LogManager.open(dataDirectory, CONFIG)) {
            manager.load(Set.of(KEPT, MISSING));

            PartitionLog kept = manager.get(KEPT);
            assertNotNull(kept);
            assertEquals(2, kept.logEndOffset());
            assertEquals(List.of("k0", "k1"), values(TestBatches.decode(readAll(kept, 0))));

            PartitionLog created = manager.get(MISSING);
            assertNotNull(created);
            assertEquals(0, created.logEndOffset());
            assertTrue(Files.isRegularFile(dataDirectory.resolve(MISSING.directoryName()).resolve(LogFileNames.logFileName(0))));

            assertNull(manager.get(ORPHAN));
            assertFalse(Files.exists(dataDirectory.resolve(ORPHAN.directoryName())));
            assertTrue(Files.isDirectory(unrelated), "a directory not named like a partition is left alone");
        }
    }

    @Test
    void createRefusesAPartitionThatExists() throws IOException {
        try (LogManager manager = LogManager.open(dataDirectory, CONFIG)) {
            manager.create(KEPT);
            assertThrows(IllegalStateException.class, () -> manager.create(KEPT));
        }
    }

    @Test
    void deleteClosesTheLogAndRemovesItsDirectory() throws IOException {
        try (LogManager manager = LogManager.open(dataDirectory, CONFIG)) {
            PartitionLog log = manager.create(KEPT);
            appendOk(log, TestBatches.ofValues("v"));
            Path directory = dataDirectory.resolve(KEPT.directoryName());
            assertTrue(Files.isDirectory(directory));

            manager.delete(log);

            assertFalse(Files.exists(directory));
            assertNull(manager.get(KEPT));
            manager.load(Set.of());
            assertFalse(Files.exists(directory));
        }
    }

    @Test
    void deletedPartitionCanBeCreatedAgainEmpty() throws IOException {
        try (LogManager manager = LogManager.open(dataDirectory, CONFIG)) {
            PartitionLog log = manager.create(KEPT);
            appendOk(log, TestBatches.ofValues("old"));
            manager.delete(log);
            PartitionLog again = manager.create(KEPT);
            assertEquals(0, again.logEndOffset());
        }
    }

}
