package io.brook.broker.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicStoreTest {

    @Test
    void savedTopicsLoadBackAndTheTemporaryFileIsGone(@TempDir Path directory) throws IOException {
        TopicStore store = new TopicStore(directory);
        assertEquals(List.of(), store.load());
        List<TopicStore.Entry> entries = List.of(new TopicStore.Entry("a", Uuids.random(), 3), new TopicStore.Entry("b.c-d", Uuids.random(), 1));
        store.save(entries);
        assertEquals(entries, new TopicStore(directory).load());
        store.save(List.of(entries.get(1)));
        assertEquals(List.of(entries.get(1)), new TopicStore(directory).load());
        assertFalse(Files.exists(directory.resolve(TopicStore.FILE_NAME + ".tmp")));
    }

    @Test
    void aDamagedFileIsReportedWithItsLine(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve(TopicStore.FILE_NAME), "AAAAAAAAAAAAAAAAAAAAAQ 3 ok\nnot a topic line at all\n");
        IOException failure = assertThrows(IOException.class, () -> new TopicStore(directory).load());
        assertEquals(true, failure.getMessage().contains("line 2"));
    }

    @Test
    void topicSettingsRoundTripWhateverTheirCharacters(@TempDir Path directory) throws IOException {
        TopicStore store = new TopicStore(directory);
        List<TopicStore.Entry> entries = List.of(
                new TopicStore.Entry("configured", Uuids.random(), 2, Map.of("retention.ms", "1000", "cleanup.policy", "",
                        "odd", "a b=c%d\u00e9,\n")),
                new TopicStore.Entry("plain", Uuids.random(), 1));
        store.save(entries);
        assertEquals(entries, new TopicStore(directory).load());
    }

    @Test
    void aFileFromBeforeTopicSettingsLoadsWithNone(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve(TopicStore.FILE_NAME), "AAAAAAAAAAAAAAAAAAAAAQ 3 old-topic\n");
        List<TopicStore.Entry> loaded = new TopicStore(directory).load();
        assertEquals(1, loaded.size());
        assertEquals("old-topic", loaded.get(0).name());
        assertEquals(3, loaded.get(0).partitionCount());
        assertEquals(Map.of(), loaded.get(0).configs());
    }
}
