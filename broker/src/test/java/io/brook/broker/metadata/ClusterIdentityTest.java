package io.brook.broker.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterIdentityTest {

    @Test
    void clusterIdIsMadeOnceAndKept(@TempDir Path directory) throws IOException {
        ClusterIdentity first = ClusterIdentity.loadOrCreate(directory, 3);
        ClusterIdentity again = ClusterIdentity.loadOrCreate(directory, 3);
        assertEquals(first, again);
        assertEquals(22, first.clusterId().length());
        String file = Files.readString(directory.resolve(ClusterIdentity.FILE_NAME));
        assertTrue(file.contains("cluster.id=" + first.clusterId()));
        assertTrue(file.contains("node.id=3"));
    }

    @Test
    void aDirectoryOfAnotherNodeIsRefused(@TempDir Path directory) throws IOException {
        ClusterIdentity.loadOrCreate(directory, 1);
        IOException refused = assertThrows(IOException.class, () -> ClusterIdentity.loadOrCreate(directory, 2));
        assertTrue(refused.getMessage().contains("belongs to node 1"));
    }
}
