package io.brook.broker.group;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The coordinator's groups by id, with the store and the thread they live on. Shared by the
 * membership, offset and admin parts of the coordinator; on the coordinator thread only.
 */
final class Groups {
    private final Map<String, ClassicGroup> byId = new HashMap<>();
    private final GroupStore store;
    private final CoordinatorExecutor executor;
    private final GroupCoordinatorConfig config;

    Groups(GroupStore store, CoordinatorExecutor executor, GroupCoordinatorConfig config) {
        this.store = store;
        this.executor = executor;
        this.config = config;
    }

    GroupCoordinatorConfig config() {
        return config;
    }

    CoordinatorExecutor executor() {
        return executor;
    }

    long nowMs() {
        return executor.nowMs();
    }

    ClassicGroup get(String groupId) {
        return byId.get(groupId);
    }

    ClassicGroup getOrCreate(String groupId) {
        return byId.computeIfAbsent(groupId, id -> new ClassicGroup(id, executor.nowMs()));
    }

    Collection<ClassicGroup> all() {
        return byId.values();
    }

    /** Drops a group that is now Dead. */
    void remove(ClassicGroup group) {
        byId.remove(group.groupId(), group);
    }

    /**
     * Writes {@code records} to the store and runs {@code then} on the coordinator thread with
     * null or the failure.
     */
    void persist(List<GroupRecord> records, Consumer<Throwable> then) {
        try {
            store.append(records, failure -> executor.execute(() -> then.accept(failure)));
        } catch (IllegalArgumentException unstorable) {
            // A name too long for the log's format: refused, and the request still answered.
            then.accept(unstorable);
        }
    }

    /** Rebuilds the groups from the store's live records (no tombstones among them), as Empty groups. */
    void load() {
        long nowMs = executor.nowMs();
        for (GroupRecord record : store.load()) {
            if (record instanceof GroupRecord.OffsetCommit commit) {
                getOrCreate(commit.groupId()).putOffset(commit);
            } else if (record instanceof GroupRecord.GroupMetadata metadata) {
                getOrCreate(metadata.groupId()).restore(metadata.protocolType(), metadata.generationId(), metadata.protocolName());
            }
        }
        // Retention of an empty group's offsets counts from now: the members may have been
        // alive until the broker stopped.
        for (ClassicGroup group : byId.values()) {
            group.resetStateTimestamp(nowMs);
        }
    }
}
