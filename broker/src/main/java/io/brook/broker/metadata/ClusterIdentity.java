package io.brook.broker.metadata;

import io.brook.log.AtomicFileWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Who this data directory belongs to, kept in Kafka's {@code meta.properties}: the cluster id,
 * made once and kept for good, and the node id, which must match {@code node.id} at every start
 * so that a directory is never served by the wrong node.
 */
public record ClusterIdentity(String clusterId, int nodeId) {
    static final String FILE_NAME = "meta.properties";
    private static final String VERSION = "1";

    public static ClusterIdentity loadOrCreate(Path dataDirectory, int nodeId) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            ClusterIdentity created = new ClusterIdentity(Uuids.toBase64(Uuids.random()), nodeId);
            AtomicFileWriter.write(file, "version=" + VERSION + "\ncluster.id=" + created.clusterId + "\nnode.id=" + nodeId + "\n");
            return created;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String clusterId = properties.getProperty("cluster.id");
        String storedNodeId = properties.getProperty("node.id");
        if (clusterId == null || storedNodeId == null) {
            throw new IOException(file + " lacks cluster.id or node.id.");
        }
        if (Integer.parseInt(storedNodeId.trim()) != nodeId) {
            throw new IOException("The data directory " + dataDirectory + " belongs to node " + storedNodeId.trim()
                    + " but node.id is " + nodeId + ".");
        }
        return new ClusterIdentity(clusterId.trim(), nodeId);
    }
}
