package io.brook.broker.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerIdManagerTest {

    @Test
    void idsAreUniqueAndNeverReusedAfterARestart(@TempDir Path directory) throws IOException {
        Set<Long> seen = new HashSet<>();
        ProducerIdManager first = ProducerIdManager.open(directory);
        for (int i = 0; i < 1_500; i++) {
            assertTrue(seen.add(first.nextProducerId()));
        }
        ProducerIdManager afterRestart = ProducerIdManager.open(directory);
        long next = afterRestart.nextProducerId();
        assertTrue(seen.add(next));
        assertEquals(2 * ProducerIdManager.BLOCK_SIZE, next, "a restart resumes after the last reserved block");
    }

    @Test
    void theReservedBlockEndIsOnDiskBeforeTheFirstIdOfTheBlockIsHandedOut(@TempDir Path directory) throws IOException {
        ProducerIdManager manager = ProducerIdManager.open(directory);
        assertEquals(0, manager.nextProducerId());
        assertEquals(Long.toString(ProducerIdManager.BLOCK_SIZE), Files.readString(directory.resolve(ProducerIdManager.FILE_NAME)).trim());
    }
}
