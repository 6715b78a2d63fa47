package io.brook.broker.handler;

import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.broker.metadata.Uuids;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DeleteTopicsRequest;
import io.brook.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import io.brook.protocol.message.DeleteTopicsResponse;
import io.brook.protocol.message.DeleteTopicsResponse.DeletableTopicResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.List;
import java.util.UUID;

/**
 * DeleteTopics (key 20), versions 1-6. Behaviour: each existing topic disappears from metadata at
 * once and its files are deleted on the append threads after the appends queued before; the
 * response comes when the files are gone. An unknown topic gets UNKNOWN_TOPIC_OR_PARTITION (by
 * name) or UNKNOWN_TOPIC_ID (by id); a topic named twice, or by both name and id, INVALID_REQUEST;
 * with {@code delete.topic.enable=false}, TOPIC_DELETION_DISABLED.
 * Version notes: version 6 names topics by name or by id.
 */
public final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequest> {
    private static final short FIRST_VERSION_WITH_TOPIC_IDS = 6;

    private final TopicRegistry topics;
    private final ControlPlane controlPlane;
    private final boolean deletionEnabled;
    private final Consumer<String> onDeleted;

    /**
     * {@code onDeleted} hears each deleted topic's name, so that committed offsets of the topic
     * go with it.
     */
    public DeleteTopicsHandler(TopicRegistry topics, ControlPlane controlPlane, boolean deletionEnabled, Consumer<String> onDeleted) {
        this.topics = topics;
        this.controlPlane = controlPlane;
        this.deletionEnabled = deletionEnabled;
        this.onDeleted = onDeleted;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public void handle(RequestContext context, DeleteTopicsRequest request) {
        if (!deletionEnabled) {
            context.respond(errorResponse(request, ErrorCode.TOPIC_DELETION_DISABLED));
            return;
        }
        short version = context.apiVersion();
        controlPlane.submit(context, this, request, r -> deleteAll(requestedTopics(r, version)));
    }

    private DeleteTopicsResponse deleteAll(List<DeleteTopicState> requested) throws IOException {
        Set<Object> seen = new HashSet<>();
        Set<Object> duplicates = new HashSet<>();
        for (DeleteTopicState state : requested) {
            Object key = state.name() != null ? state.name() : state.topicId();
            if (!seen.add(key)) {
                duplicates.add(key);
            }
        }
        List<DeletableTopicResult> results = new ArrayList<>();
        for (DeleteTopicState state : requested) {
            DeletableTopicResult result = new DeletableTopicResult().setName(state.name()).setTopicId(state.topicId());
            results.add(result);
            boolean byName = state.name() != null;
            if (byName && !Uuids.ZERO.equals(state.topicId())) {
                fail(result, ErrorCode.INVALID_REQUEST, "Name a topic by name or by id, not both.");
            } else if (duplicates.contains(byName ? state.name() : state.topicId())) {
                fail(result, ErrorCode.INVALID_REQUEST, "The topic appears more than once in the request.");
            } else {
                Topic topic = byName ? topics.get(state.name()) : topics.get(state.topicId());
                if (topic == null) {
                    fail(result, byName ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID, "This broker has no such topic.");
                } else {
                    try {
                        topics.delete(topic);
                    } finally {
                        // Gone from the registry even when its files could not all be deleted.
                        if (topics.get(topic.name()) == null) {
                            onDeleted.accept(topic.name());
                        }
                    }
                    result.setName(topic.name()).setTopicId(topic.id()).setErrorCode(ErrorCode.NONE.code());
                }
            }
        }
        return new DeleteTopicsResponse().setResponses(results);
    }

    private static void fail(DeletableTopicResult result, ErrorCode error, String message) {
        result.setErrorCode(error.code()).setErrorMessage(message);
    }

    /** The topics to delete, by name (versions 1-5) or by name or id (version 6). */
    private static List<DeleteTopicState> requestedTopics(DeleteTopicsRequest request, short version) {
        if (version >= FIRST_VERSION_WITH_TOPIC_IDS) {
            return request.topics();
        }
        List<DeleteTopicState> byName = new ArrayList<>();
        for (String name : request.topicNames()) {
            byName.add(new DeleteTopicState().setName(name).setTopicId(Uuids.ZERO));
        }
        return byName;
    }

    @Override
    public ApiMessage errorResponse(DeleteTopicsRequest request, ErrorCode error) {
        DeleteTopicsResponse response = new DeleteTopicsResponse();
        if (request == null) {
            return response;
        }
        for (String name : request.topicNames()) {
            response.responses().add(new DeletableTopicResult().setName(name).setErrorCode(error.code()));
        }
        for (DeleteTopicState state : request.topics()) {
            UUID id = state.topicId();
            response.responses().add(new DeletableTopicResult().setName(state.name()).setTopicId(id).setErrorCode(error.code()));
        }
        return response;
    }
}
