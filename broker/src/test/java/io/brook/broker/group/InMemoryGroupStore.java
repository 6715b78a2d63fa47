package io.brook.broker.group;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link GroupStore} in memory for tests. Appends go to a log; {@link #load} gives what a
 * compacted group log would: the latest record per key, keys whose latest record is a tombstone
 * left out, in log order of each key's latest write. A test can make the next append fail, or
 * hold appends (in order) until it releases them, to see what the coordinator does while a write
 * is in flight.
 *
 * <p>Completions run on the thread that releases them, which in these tests is the test thread
 * or the coordinator's (manual) thread; the coordinator hands them back through its executor.
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class InMemoryGroupStore implements GroupStore {
    private final List<GroupRecord> log = new ArrayList<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean holding;
    private int failuresToInject;
    private int appendCount;

    private record Held(List<GroupRecord> records, Consumer<Throwable> done) {
    }

    /** What the key of a record is: the group for group records, the group and partition for offsets. */
    private record Key(String groupId, String topic, int partition) {
        static Key of(GroupRecord record) {
            if (record instanceof GroupRecord.OffsetCommit commit) {
                return new Key(commit.groupId(), commit.topic(), commit.partition());
            }
            if (record instanceof GroupRecord.OffsetTombstone tombstone) {
                return new Key(tombstone.groupId(), tombstone.topic(), tombstone.partition());
            }
            return new Key(record.groupId(), null, -1);
        }
    }

    @Override
    public List<GroupRecord> load() {
        Map<Key, GroupRecord> live = new LinkedHashMap<>();
        for (GroupRecord record : log) {
            Key key = Key.of(record);
            live.remove(key);
            boolean tombstone = record instanceof GroupRecord.OffsetTombstone || record instanceof GroupRecord.GroupTombstone;
            if (!tombstone) {
                live.put(key, record);
            }
        }
        return new ArrayList<>(live.values());
    }

    @Override
    public void append(List<GroupRecord> records, Consumer<Throwable> done) {
        appendCount++;
        List<GroupRecord> copy = List.copyOf(records);
        if (failuresToInject > 0) {
            failuresToInject--;
            done.accept(new IllegalStateException("injected failure of the group log"));
            return;
        }
        if (holding) {
            held.add(new Held(copy, done));
            return;
        }
        log.addAll(copy);
        done.accept(null);
    }

    /** The next append fails (its records are not written). */
    void failNextAppend() {
        failuresToInject++;
    }

    /** Appends from now on wait, in order, until {@link #releaseNext} or {@link #releaseAll}. */
    void hold() {
        holding = true;
    }

    /** Writes the oldest held append and completes it. */
    void releaseNext() {
        Held next = held.poll();
        if (next == null) {
            throw new IllegalStateException("no held append to release");
        }
        log.addAll(next.records());
        next.done().accept(null);
    }

    /** Stops holding and completes every held append in order. */
    void releaseAll() {
        holding = false;
        while (!held.isEmpty()) {
            releaseNext();
        }
    }

    int heldCount() {
        return held.size();
    }

    /** Appends asked for, including failed and held ones. */
    int appendCount() {
        return appendCount;
    }

    /** Every record written so far, in log order. */
    List<GroupRecord> log() {
        return List.copyOf(log);
    }
}
