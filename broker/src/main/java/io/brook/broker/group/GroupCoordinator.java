package io.brook.broker.group;

import io.brook.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The group coordinator of this single-node cluster: every group's membership (classic protocol)
 * and committed offsets. All state lives on one thread, the {@link CoordinatorExecutor}'s: each
 * entry point hands its request over and answers through the callback it is given, from that
 * thread. Durable changes go to the {@link GroupStore} and are answered once stored.
 */
public final class GroupCoordinator {
    private final Groups groups;
    private final GroupMembership membership;
    private final GroupOffsets offsets;
    private final GroupAdmin admin;
    private final CoordinatorExecutor executor;

    /** A member named in LeaveGroup: by member id, by instance id (static members), or both. */
    public record LeavingMember(String memberId, String groupInstanceId) {
    }

    /** The error for the whole LeaveGroup (NONE, or one that applies to all) and one per leaving member. */
    public record LeaveOutcome(ErrorCode error, List<ErrorCode> memberErrors) {
    }

    /** A requested topic and its partitions, for OffsetFetch and OffsetDelete. */
    public record TopicPartitions(String topic, List<Integer> partitions) {
    }

    /** A committed offset as OffsetFetch returns it: offset -1, epoch -1 and "" for a partition with none. */
    public record FetchedOffset(String topic, int partition, long offset, int leaderEpoch, String metadata) {
    }

    /** The group's error for OffsetDelete, and one error per requested partition in order. */
    public record OffsetDeleteOutcome(ErrorCode error, List<ErrorCode> partitionErrors) {
    }

    private GroupCoordinator(GroupStore store, GroupCoordinatorConfig config, CoordinatorExecutor executor) {
        this.executor = executor;
        this.groups = new Groups(store, executor, config);
        this.membership = new GroupMembership(groups);
        this.offsets = new GroupOffsets(groups);
        this.admin = new GroupAdmin(groups);
    }

    /**
     * Loads the groups from {@code store} on the coordinator thread, waiting for it, and starts
     * the periodic offset expiry.
     */
    public static GroupCoordinator start(GroupStore store, GroupCoordinatorConfig config, CoordinatorExecutor executor)
            throws InterruptedException {
        GroupCoordinator coordinator = new GroupCoordinator(store, config, executor);
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                coordinator.groups.load();
                loaded.complete(null);
            } catch (Throwable e) {
                // Whatever stops the load must reach the starting thread, or the start waits forever.
                loaded.completeExceptionally(e);
            }
        });
        try {
            loaded.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not load the groups: " + e.getCause().getMessage(), e.getCause());
        }
        coordinator.scheduleExpiry();
        return coordinator;
    }

    private void scheduleExpiry() {
        executor.schedule(groups.config().offsetsRetentionCheckIntervalMs(), () -> {
            offsets.expire();
            scheduleExpiry();
        });
    }

    public void join(JoinParams request, Consumer<JoinOutcome> respond) {
        executor.execute(() -> membership.join(request, respond));
    }

    public void sync(SyncParams request, Consumer<SyncOutcome> respond) {
        executor.execute(() -> membership.sync(request, respond));
    }

    public void heartbeat(String groupId, int generationId, String memberId, String groupInstanceId, Consumer<ErrorCode> respond) {
        executor.execute(() -> membership.heartbeat(groupId, generationId, memberId, groupInstanceId, respond));
    }

    public void leave(String groupId, List<LeavingMember> members, Consumer<LeaveOutcome> respond) {
        executor.execute(() -> membership.leave(groupId, members, respond));
    }

    /** Answers one error per partition, in request order; the partitions must exist. */
    public void commitOffsets(OffsetCommitParams request, short apiVersion, Consumer<List<ErrorCode>> respond) {
        executor.execute(() -> offsets.commit(request, apiVersion, respond));
    }

    /** The committed offsets of {@code requested}, or all of the group's when it is null. */
    public void fetchOffsets(String groupId, List<TopicPartitions> requested, Consumer<List<FetchedOffset>> respond) {
        executor.execute(() -> respond.accept(offsets.fetch(groupId, requested)));
    }

    public void deleteOffsets(String groupId, List<TopicPartitions> requested, Consumer<OffsetDeleteOutcome> respond) {
        executor.execute(() -> offsets.delete(groupId, requested, respond));
    }

    /** Forgets the committed offsets of topics {@code topicExists} does not know; once, at start. */
    public void dropOffsetsOfMissingTopics(Predicate<String> topicExists) {
        executor.execute(() -> offsets.dropOffsetsOfMissingTopics(topicExists));
    }

    /** Forgets every group's committed offsets of a topic that was deleted. */
    public void topicDeleted(String topic) {
        executor.execute(() -> offsets.topicDeleted(topic));
    }

    public void describe(List<String> groupIds, Consumer<List<GroupSummary>> respond) {
        executor.execute(() -> {
            List<GroupSummary> summaries = new ArrayList<>(groupIds.size());
            for (String groupId : groupIds) {
                summaries.add(admin.describe(groupId));
            }
            respond.accept(summaries);
        });
    }

    public void list(Set<String> stateFilter, Set<String> typeFilter, Consumer<List<GroupListing>> respond) {
        executor.execute(() -> respond.accept(admin.list(stateFilter, typeFilter)));
    }

    /** Answers one error per group, in request order, once every deletion is stored. */
    public void deleteGroups(List<String> groupIds, Consumer<List<ErrorCode>> respond) {
        executor.execute(() -> {
            ErrorCode[] errors = new ErrorCode[groupIds.size()];
            int[] remaining = {groupIds.size()};
            if (groupIds.isEmpty()) {
                respond.accept(List.of());
                return;
            }
            for (int i = 0; i < groupIds.size(); i++) {
                int index = i;
                admin.delete(groupIds.get(i), error -> {
                    errors[index] = error;
                    if (--remaining[0] == 0) {
                        respond.accept(List.of(errors));
                    }
                });
            }
        });
    }
}
