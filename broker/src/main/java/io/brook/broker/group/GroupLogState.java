package io.brook.broker.group;

import io.brook.broker.group.GroupRecord.GroupTombstone;
import io.brook.broker.group.GroupRecord.OffsetCommit;
import io.brook.broker.group.GroupRecord.OffsetTombstone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the group log holds: the latest live record of every key, in the order of their latest
 * writes (a tombstone removes its key), and how many bytes of log they are spread over, so that
 * the store can tell when superseded records make up enough of the log to rewrite it.
 *
 * <p>Not thread-safe: filled by the loading thread, then owned by the group log's append thread.
 */
final class GroupLogState {
    /** What a record is about: a group (topic null) or one partition's offset in a group. */
    private record Key(String groupId, String topic, int partition) {
        static Key of(GroupRecord record) {
            if (record instanceof OffsetCommit commit) {
                return new Key(commit.groupId(), commit.topic(), commit.partition());
            }
            if (record instanceof OffsetTombstone tombstone) {
                return new Key(tombstone.groupId(), tombstone.topic(), tombstone.partition());
            }
            return new Key(record.groupId(), null, 0);
        }
    }

    private record Live(GroupRecord record, int sizeInBytes) {
    }

    /** Insertion order is the order of latest writes: a key written again is moved to the end. */
    private final LinkedHashMap<Key, Live> liveByKey = new LinkedHashMap<>();
    private long liveBytes;
    private long logBytes;

    /** Takes one record stored in the log, {@code sizeInBytes} as encoded there. */
    void apply(GroupRecord record, int sizeInBytes) {
        Key key = Key.of(record);
        Live previous = liveByKey.remove(key);
        if (previous != null) {
            liveBytes -= previous.sizeInBytes();
        }
        if (!(record instanceof OffsetTombstone) && !(record instanceof GroupTombstone)) {
            liveByKey.put(key, new Live(record, sizeInBytes));
            liveBytes += sizeInBytes;
        }
    }

    /** Takes a batch just appended to the log: its records, and its bytes as log bytes. */
    void apply(GroupRecordBatch appended) {
        for (int i = 0; i < appended.recordCount(); i++) {
            apply(appended.records().get(i), appended.recordSizeInBytes(i));
        }
        logBytes += appended.sizeInBytes();
    }

    /** Counts {@code batchBytes} more bytes of log, whose records were applied one by one. */
    void addLogBytes(int batchBytes) {
        logBytes += batchBytes;
    }

    /** Forgets {@code droppedBytes} of log that were deleted from its start. */
    void dropLogBytes(long droppedBytes) {
        logBytes -= droppedBytes;
    }

    /** The live records, in the order of their latest writes. */
    List<GroupRecord> records() {
        List<GroupRecord> records = new ArrayList<>(liveByKey.size());
        for (Live live : liveByKey.values()) {
            records.add(live.record());
        }
        return records;
    }

    int liveRecordCount() {
        return liveByKey.size();
    }

    /** The live records' encoded size (record headers included, batch headers not). */
    long liveBytes() {
        return liveBytes;
    }

    /** The readable log's size: every batch from the log start offset on. */
    long logBytes() {
        return logBytes;
    }

    /** Bytes of log that hold superseded records, tombstones and batch headers. */
    long supersededBytes() {
        return logBytes - liveBytes;
    }
}
