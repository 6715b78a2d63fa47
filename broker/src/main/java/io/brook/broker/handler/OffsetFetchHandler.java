package io.brook.broker.handler;

import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.GroupCoordinator.FetchedOffset;
import io.brook.broker.group.GroupCoordinator.TopicPartitions;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.OffsetFetchRequest;
import io.brook.protocol.message.OffsetFetchRequest.OffsetFetchRequestGroup;
import io.brook.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopic;
import io.brook.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopics;
import io.brook.protocol.message.OffsetFetchResponse;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponseGroup;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartition;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartitions;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponseTopic;
import io.brook.protocol.message.OffsetFetchResponse.OffsetFetchResponseTopics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OffsetFetch (key 9), versions 1-9. Behaviour: a group's committed offsets for the requested
 * partitions, offset -1 for a partition without one (not an error, as in Kafka), or all of them
 * when the topics are null. Without transactions every offset is stable, so RequireStable changes
 * nothing. Version notes: version 2 allows null topics and adds the group error; version 5 the
 * leader epoch; from version 8 several groups are fetched at once, each with its own error;
 * version 9's member id and epoch concern the consumer protocol and are ignored for classic
 * groups, as Kafka ignores them. Version 10 names topics by id and is not served.
 */
public final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequest> {
    private static final short FIRST_BATCHED_VERSION = 8;

    private final GroupCoordinator coordinator;

    public OffsetFetchHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FETCH;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public void handle(RequestContext context, OffsetFetchRequest request) {
        if (context.apiVersion() < FIRST_BATCHED_VERSION) {
            List<TopicPartitions> requested = null;
            if (request.topics() != null) {
                requested = new ArrayList<>();
                for (OffsetFetchRequestTopic topic : request.topics()) {
                    requested.add(new TopicPartitions(topic.name(), topic.partitionIndexes()));
                }
            }
            coordinator.fetchOffsets(request.groupId(), requested, offsets -> context.respond(singleGroupResponse(offsets)));
            return;
        }
        List<OffsetFetchRequestGroup> groups = request.groups();
        OffsetFetchResponseGroup[] results = new OffsetFetchResponseGroup[groups.size()];
        AtomicInteger remaining = new AtomicInteger(groups.size());
        if (groups.isEmpty()) {
            context.respond(new OffsetFetchResponse());
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            int index = i;
            OffsetFetchRequestGroup group = groups.get(i);
            List<TopicPartitions> requested = null;
            if (group.topics() != null) {
                requested = new ArrayList<>();
                for (OffsetFetchRequestTopics topic : group.topics()) {
                    requested.add(new TopicPartitions(topic.name(), topic.partitionIndexes()));
                }
            }
            coordinator.fetchOffsets(group.groupId(), requested, offsets -> {
                results[index] = groupResult(group.groupId(), offsets);
                if (remaining.decrementAndGet() == 0) {
                    context.respond(new OffsetFetchResponse().setGroups(List.of(results)));
                }
            });
        }
    }

    private static OffsetFetchResponse singleGroupResponse(List<FetchedOffset> offsets) {
        Map<String, OffsetFetchResponseTopic> topics = new LinkedHashMap<>();
        for (FetchedOffset offset : offsets) {
            topics.computeIfAbsent(offset.topic(), name -> new OffsetFetchResponseTopic().setName(name)).partitions()
                    .add(new OffsetFetchResponsePartition().setPartitionIndex(offset.partition()).setCommittedOffset(offset.offset())
                            .setCommittedLeaderEpoch(offset.leaderEpoch()).setMetadata(offset.metadata()));
        }
        return new OffsetFetchResponse().setTopics(new ArrayList<>(topics.values()));
    }

    private static OffsetFetchResponseGroup groupResult(String groupId, List<FetchedOffset> offsets) {
        Map<String, OffsetFetchResponseTopics> topics = new LinkedHashMap<>();
        for (FetchedOffset offset : offsets) {
            topics.computeIfAbsent(offset.topic(), name -> new OffsetFetchResponseTopics().setName(name)).partitions()
                    .add(new OffsetFetchResponsePartitions().setPartitionIndex(offset.partition()).setCommittedOffset(offset.offset())
                            .setCommittedLeaderEpoch(offset.leaderEpoch()).setMetadata(offset.metadata()));
        }
        return new OffsetFetchResponseGroup().setGroupId(groupId).setTopics(new ArrayList<>(topics.values()));
    }

    @Override
    public ApiMessage errorResponse(OffsetFetchRequest request, ErrorCode error) {
        OffsetFetchResponse response = new OffsetFetchResponse().setErrorCode(error.code());
        if (request != null) {
            // Versions 0 and 1 have no group-level error: each partition carries it.
            if (request.topics() != null) {
                for (OffsetFetchRequestTopic topic : request.topics()) {
                    OffsetFetchResponseTopic result = new OffsetFetchResponseTopic().setName(topic.name());
                    for (int partition : topic.partitionIndexes()) {
                        result.partitions().add(new OffsetFetchResponsePartition().setPartitionIndex(partition).setCommittedOffset(-1)
                                .setMetadata("").setErrorCode(error.code()));
                    }
                    response.topics().add(result);
                }
            }
            for (OffsetFetchRequestGroup group : request.groups()) {
                response.groups().add(new OffsetFetchResponseGroup().setGroupId(group.groupId()).setErrorCode(error.code()));
            }
        }
        return response;
    }
}
