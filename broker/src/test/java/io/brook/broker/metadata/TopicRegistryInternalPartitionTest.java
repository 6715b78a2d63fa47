package io.brook.broker.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.broker.config.BrokerConfig;
import io.brook.broker.config.TopicConfigs;
import io.brook.log.LogConfig;
import io.brook.log.LogManager;
import io.brook.log.PartitionLog;
import io.brook.log.TopicPartition;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.testing.TestBatches;
import io.brook.ringbuffer.AppendPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's own logs are loaded with the topics' but are no topics, and their names are taken. */
class TopicRegistryInternalPartitionTest {
    private static final TopicPartition INTERNAL = new TopicPartition("__internal_log", 0);
    private static final long TIMESTAMP_MS = 1_700_000_000_000L;

    @TempDir
    Path dataDirectory;

    private LogManager logManager;
    private AppendPipeline pipeline;

    @AfterEach
    void stop() throws IOException {
        close();
    }

    private void close() throws IOException {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        if (logManager != null) {
            logManager.close();
            logManager = null;
        }
    }

    private TopicRegistry load(Map<TopicPartition, LogConfig> internalPartitions) throws IOException {
        BrokerConfig config = BrokerConfig.from(Map.of(BrokerConfig.LOG_DIRS, dataDirectory.toString()));
        logManager = LogManager.open(dataDirectory, config.maintenanceConfig(), Clock.systemUTC());
        pipeline = AppendPipeline.start(1, 64);
        return TopicRegistry.load(logManager, pipeline, new TopicConfigs(config, LeaderEpoch.CURRENT), internalPartitions);
    }

    @Test
    void anInternalPartitionIsLoadedAndKeptButIsNoTopic() throws Exception {
        TopicRegistry topics = load(Map.of(INTERNAL, LogConfig.defaults()));
        topics.create("orders", 1);
        PartitionLog log = logManager.get(INTERNAL);
        assertNotNull(log, "the internal partition has a log");
        append(log);

        close();
        topics = load(Map.of(INTERNAL, LogConfig.defaults()));
        assertEquals(1, logManager.get(INTERNAL).logEndOffset(), "the internal partition's directory and records survive a restart");
        assertEquals(1, topics.all().size());
        assertEquals("orders", topics.all().get(0).name());
        assertNull(topics.get(INTERNAL.topic()));
        assertTrue(topics.isInternal(INTERNAL.topic()));
        assertFalse(topics.isInternal("orders"));
    }

    @Test
    void noTopicCanTakeTheNameOfAnInternalPartition() throws Exception {
        TopicRegistry topics = load(Map.of(INTERNAL, LogConfig.defaults()));
        assertThrows(IllegalArgumentException.class, () -> topics.create(INTERNAL.topic(), 1));
        assertNull(topics.get(INTERNAL.topic()));
    }

    @Test
    void aStoredTopicWithTheNameOfAnInternalPartitionStopsTheStart() throws Exception {
        load(Map.of()).create(INTERNAL.topic(), 1);
        close();
        IOException failure = assertThrows(IOException.class, () -> load(Map.of(INTERNAL, LogConfig.defaults())));
        assertTrue(failure.getMessage().contains(INTERNAL.topic()), failure.getMessage());
        assertTrue(Files.isDirectory(dataDirectory.resolve(INTERNAL.directoryName())), "nothing was deleted");
    }

    private void append(PartitionLog log) throws Exception {
        CompletableFuture<ErrorCode> outcome = new CompletableFuture<>();
        assertTrue(pipeline.tryAppend(log, TestBatches.builder().record("k", "v", TIMESTAMP_MS).build(),
                result -> outcome.complete(result.error())));
        assertEquals(ErrorCode.NONE, outcome.get(10, TimeUnit.SECONDS));
    }
}
