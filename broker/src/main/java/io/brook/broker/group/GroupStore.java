package io.brook.broker.group;

import java.util.List;
import java.util.function.Consumer;

/** Where the coordinator keeps its durable state: committed offsets and group metadata. */
public interface GroupStore {
    /**
     * The live records, latest per key with tombstoned keys left out, as stored at start. The
     * coordinator takes them once; later calls return none, so the store does not hold a second
     * copy of the state for its lifetime.
     */
    List<GroupRecord> load();

    /**
     * Appends {@code records} after everything appended before; {@code done} hears null once they
     * are in the log (acknowledged like a produce: in the page cache, flushed by the log's flush
     * settings), or the failure. May be called from any thread; {@code done} runs on another,
     * except when the records could not be handed to the log at all: then it runs on the calling
     * thread before this returns.
     */
    void append(List<GroupRecord> records, Consumer<Throwable> done);
}
