package io.brook.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @Test
    void defaultsAreKafkasExceptWhereASingleLocalNodeWantsOthers() {
        BrokerConfig config = BrokerConfig.from(Map.of());
        assertEquals(new Listener("127.0.0.1", 9092), config.listener());
        assertNull(config.advertisedListener());
        assertEquals(1, config.nodeId());
        assertEquals(Path.of("data"), config.logDirectory());
        assertEquals(1, config.numPartitions());
        assertEquals(1048588, config.messageMaxBytes());
        assertEquals(104857600, config.socketRequestMaxBytes());
        assertEquals(1073741824, config.logSegmentBytes());
        assertEquals(500, config.queuedMaxRequests());
        assertEquals(600000L, config.connectionsMaxIdleMs());
        assertTrue(config.autoCreateTopicsEnable());
        assertTrue(config.deleteTopicEnable());
    }

    @Test
    void logDirsOverridesLogDir() {
        assertEquals(Path.of("/a"), BrokerConfig.from(Map.of("log.dir", "/b", "log.dirs", "/a")).logDirectory());
        assertEquals(Path.of("/b"), BrokerConfig.from(Map.of("log.dir", "/b")).logDirectory());
    }

    @Test
    void badValuesFailWithTheSettingAndTheValue() {
        ConfigException notANumber = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("num.partitions", "many")));
        assertTrue(notANumber.getMessage().contains("num.partitions") && notANumber.getMessage().contains("many"));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("num.partitions", "0")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("append.ring.buffer.size", "1000")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("default.replication.factor", "3")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("auto.create.topics.enable", "yes")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.dirs", "/a,/b")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.segment.bytes", "13")));
    }

    @Test
    void unknownSettingsAreIgnoredSoThatKafkasOwnFileWorks() {
        BrokerConfig config = BrokerConfig.from(Map.of("process.roles", "broker,controller", "num.partitions", "3"));
        assertEquals(3, config.numPartitions());
    }

    @Test
    void listenersFollowKafkasSyntax() {
        assertEquals(new Listener("", 9093), BrokerConfig.from(Map.of("listeners", "PLAINTEXT://:9093")).listener());
        assertEquals(new Listener("::1", 9092), BrokerConfig.from(Map.of("listeners", "PLAINTEXT://[::1]:9092")).listener());
        assertEquals(new Listener("broker.example", 19092),
                BrokerConfig.from(Map.of("advertised.listeners", "PLAINTEXT://broker.example:19092")).advertisedListener());
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "SSL://:9093")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://a:1,PLAINTEXT://b:2")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://host")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://host:70000")));
    }

    @Test
    void overridesWinOverTheFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("server.properties");
        Files.writeString(file, "# comment\nnum.partitions=2\nnode.id=7\n");
        Map<String, String> settings = ServerProperties.load(file, List.of("num.partitions=5", "log.dirs=/x=y"));
        BrokerConfig config = BrokerConfig.from(settings);
        assertEquals(5, config.numPartitions());
        assertEquals(7, config.nodeId());
        assertEquals(Path.of("/x=y"), config.logDirectory());
        assertThrows(ConfigException.class, () -> ServerProperties.load(null, List.of("no-equals-sign")));
    }

    @Test
    void theShippedServerPropertiesHoldsExactlyTheDefaults() throws IOException {
        Path shipped = Path.of("..", "config", "server.properties");
        Map<String, String> settings = ServerProperties.load(shipped, List.of());
        for (ConfigKey key : BrokerConfig.KEYS) {
            if (key.name().equals(BrokerConfig.LOG_DIR) || key.name().equals(BrokerConfig.LOG_DIRS)) {
                continue;
            }
            assertEquals(key.defaultValue(), settings.get(key.name()), key.name());
        }
        assertEquals(Path.of("data"), BrokerConfig.from(settings).logDirectory());
    }
}
