package io.brook.broker.handler;

import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.CreatePartitionsRequest;
import io.brook.protocol.message.CreatePartitionsRequest.CreatePartitionsAssignment;
import io.brook.protocol.message.CreatePartitionsRequest.CreatePartitionsTopic;
import io.brook.protocol.message.CreatePartitionsResponse;
import io.brook.protocol.message.CreatePartitionsResponse.CreatePartitionsTopicResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CreatePartitions (key 37), versions 0-3. Behaviour: raises each topic's partition count on the
 * control plane; the new partitions are empty, run with the topic's settings, are stored with the
 * topic (they survive a restart) and are in the next Metadata answer. Answers per topic, with
 * Kafka's KRaft controller's codes and messages: UNKNOWN_TOPIC_OR_PARTITION; INVALID_PARTITIONS for
 * a count that is no increase (or above 10,000, our bound, as in CreateTopics); INVALID_REPLICA_ASSIGNMENT for
 * assignments that do not give exactly the new partitions a replica list naming this broker once;
 * INVALID_REQUEST, once, for a topic named more than once. With {@code validateOnly} nothing
 * changes. A request still waiting for the control plane when its timeout passes gets
 * REQUEST_TIMED_OUT for every topic, as Kafka's controller fails an operation whose deadline passed
 * before it ran.
 * Version notes: versions 1 and 3 only tell the client how Kafka throttles (there is no quota
 * here).
 */
public final class CreatePartitionsHandler implements ApiHandler<CreatePartitionsRequest> {
    private final TopicRegistry topics;
    private final ControlPlane controlPlane;
    private final int nodeId;

    public CreatePartitionsHandler(TopicRegistry topics, ControlPlane controlPlane, int nodeId) {
        this.topics = topics;
        this.controlPlane = controlPlane;
        this.nodeId = nodeId;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_PARTITIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public void handle(RequestContext context, CreatePartitionsRequest request) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.timeoutMs());
        controlPlane.submit(context, this, request, r -> {
            if (System.nanoTime() - deadlineNs > 0) {
                return errorResponse(r, ErrorCode.REQUEST_TIMED_OUT);
            }
            return createAll(r);
        });
    }

    private CreatePartitionsResponse createAll(CreatePartitionsRequest request) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (CreatePartitionsTopic topic : request.topics()) {
            if (!seen.add(topic.name())) {
                duplicates.add(topic.name());
            }
        }
        List<CreatePartitionsTopicResult> results = new ArrayList<>();
        for (String name : duplicates) {
            results.add(result(name, ErrorCode.INVALID_REQUEST, "Duplicate topic name."));
        }
        for (CreatePartitionsTopic topic : request.topics()) {
            if (!duplicates.contains(topic.name())) {
                results.add(create(topic, request.validateOnly()));
            }
        }
        return new CreatePartitionsResponse().setResults(results);
    }

    private CreatePartitionsTopicResult create(CreatePartitionsTopic request, boolean validateOnly) throws IOException {
        Topic topic = topics.get(request.name());
        if (topic == null) {
            return result(request.name(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null);
        }
        String invalidCount = countProblem(topic, request.count());
        if (invalidCount != null) {
            return result(request.name(), ErrorCode.INVALID_PARTITIONS, invalidCount);
        }
        String invalidAssignment = assignmentProblem(request.assignments(), request.count() - topic.partitionCount());
        if (invalidAssignment != null) {
            return result(request.name(), ErrorCode.INVALID_REPLICA_ASSIGNMENT, invalidAssignment);
        }
        if (!validateOnly && topics.addPartitions(topic, request.count()) == null) {
            return result(request.name(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null);
        }
        return result(request.name(), ErrorCode.NONE, null);
    }

    /** Why {@code count} partitions cannot replace the topic's, or null. Kafka's wording, so a count of 0 is "no increase" too. */
    private static String countProblem(Topic topic, int count) {
        int current = topic.partitionCount();
        if (count == current) {
            return "Topic already has " + current + " partition(s).";
        }
        if (count < current) {
            return "The topic " + topic.name() + " currently has " + current + " partition(s); " + count
                    + " would not be an increase.";
        }
        if (count > CreateTopicsHandler.MAX_PARTITIONS_PER_TOPIC) {
            return "A topic can have at most " + CreateTopicsHandler.MAX_PARTITIONS_PER_TOPIC + " partitions, not " + count + ".";
        }
        return null;
    }

    /** Why the client's replica lists for the {@code added} new partitions cannot be used, or null; null lists mean "place them". */
    private String assignmentProblem(List<CreatePartitionsAssignment> assignments, int added) {
        if (assignments == null) {
            return null;
        }
        if (assignments.size() != added) {
            return "Attempted to add " + added + " additional partition(s), but only " + assignments.size()
                    + " assignment(s) were specified.";
        }
        for (CreatePartitionsAssignment assignment : assignments) {
            String problem = ManualAssignmentCheck.problem(assignment.brokerIds(), nodeId);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static CreatePartitionsTopicResult result(String name, ErrorCode error, String message) {
        return new CreatePartitionsTopicResult().setName(name).setErrorCode(error.code()).setErrorMessage(message);
    }

    @Override
    public ApiMessage errorResponse(CreatePartitionsRequest request, ErrorCode error) {
        CreatePartitionsResponse response = new CreatePartitionsResponse();
        if (request != null) {
            for (CreatePartitionsTopic topic : request.topics()) {
                response.results().add(result(topic.name(), error, null));
            }
        }
        return response;
    }
}
