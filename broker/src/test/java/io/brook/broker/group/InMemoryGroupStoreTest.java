package io.brook.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryGroupStoreTest {
    private final InMemoryGroupStore store = new InMemoryGroupStore();
    private final List<Throwable> completions = new ArrayList<>();

    private static GroupRecord.OffsetCommit commit(String group, int partition, long offset) {
        return new GroupRecord.OffsetCommit(group, "orders", partition, offset, -1, "", 0, -1);
    }

    @Test
    void loadGivesTheLatestRecordPerKeyInOrderOfLatestWriteWithoutTombstonedKeys() {
        GroupRecord.GroupMetadata metadata = new GroupRecord.GroupMetadata("g", "consumer", 1, "range", 0);
        store.append(List.of(commit("g", 0, 1), commit("g", 1, 1), metadata), completions::add);
        store.append(List.of(commit("g", 0, 2), new GroupRecord.OffsetTombstone("g", "orders", 1)), completions::add);
        store.append(List.of(commit("h", 0, 5), new GroupRecord.GroupTombstone("h")), completions::add);

        assertEquals(List.of(metadata, commit("g", 0, 2), commit("h", 0, 5)), store.load(),
                "a group tombstone removes the group's key, not its offsets' keys");
        assertEquals(3, completions.size());
        completions.forEach(failure -> assertNull(failure));
    }

    @Test
    void heldAppendsAreWrittenAndCompletedInOrderWhenReleased() {
        store.hold();
        store.append(List.of(commit("g", 0, 1)), failure -> completions.add(new RuntimeException("first")));
        store.append(List.of(commit("g", 0, 2)), failure -> completions.add(new RuntimeException("second")));
        assertEquals(List.of(), store.log());
        assertEquals(2, store.heldCount());

        store.releaseNext();
        assertEquals(List.of(commit("g", 0, 1)), store.log());
        store.releaseAll();
        assertEquals(List.of(commit("g", 0, 1), commit("g", 0, 2)), store.log());
        assertEquals(List.of("first", "second"), completions.stream().map(Throwable::getMessage).toList());
    }

    @Test
    void aFailedAppendWritesNothingAndOnlyTheNextOneFails() {
        store.failNextAppend();
        store.append(List.of(commit("g", 0, 1)), completions::add);
        store.append(List.of(commit("g", 0, 2)), completions::add);
        assertTrue(completions.get(0) instanceof IllegalStateException);
        assertNull(completions.get(1));
        assertEquals(List.of(commit("g", 0, 2)), store.log());
        assertEquals(2, store.appendCount());
    }
}
