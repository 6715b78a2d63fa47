package io.brook.broker.handler;

import io.brook.broker.config.ConfigEntry;
import io.brook.broker.config.ConfigSynonym;
import io.brook.broker.config.TopicConfigs;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicNames;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DescribeConfigsRequest;
import io.brook.protocol.message.DescribeConfigsRequest.DescribeConfigsResource;
import io.brook.protocol.message.DescribeConfigsResponse;
import io.brook.protocol.message.DescribeConfigsResponse.DescribeConfigsResourceResult;
import io.brook.protocol.message.DescribeConfigsResponse.DescribeConfigsResult;
import io.brook.protocol.message.DescribeConfigsResponse.DescribeConfigsSynonym;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeConfigs (key 32), versions 1-4. Behaviour: answers on the event loop (nothing here
 * touches the disk). A topic (resource type 2) gets every topic setting with its value in use,
 * its source (DYNAMIC_TOPIC_CONFIG for the topic's own, STATIC_BROKER_CONFIG for a broker
 * setting from server.properties, DEFAULT_CONFIG), never read-only; an unknown topic gets
 * UNKNOWN_TOPIC_OR_PARTITION and an illegal name INVALID_TOPIC_EXCEPTION. The broker (type 4,
 * named by its node id) gets every broker setting, all read-only since none changes while the
 * broker runs; the empty name (the cluster-wide dynamic defaults) gets none, as there are none;
 * another id or a name that is no number gets INVALID_REQUEST, and so does any other resource
 * type. Errors are per resource; the other resources are still described. A non-null
 * {@code ConfigurationKeys} keeps only the settings it names. A resource described without error
 * has the empty string as its error message, not null, as Kafka's has (its ConfigHelper leaves
 * the field at the schema's default).
 * Version notes: synonyms (with their sources) when asked for, from version 1; the type and, when
 * asked for, the documentation from version 3. Version 0 (IsDefault instead of sources) is not
 * served, as in Kafka 4.
 */
public final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequest> {
    /** Kafka's error message for a resource described without error: the field's default, not null. */
    private static final String NO_ERROR_MESSAGE = "";

    private final TopicRegistry topics;
    private final TopicConfigs topicConfigs;
    private final int nodeId;
    private final List<ConfigEntry> brokerEntries;

    public DescribeConfigsHandler(TopicRegistry topics, TopicConfigs topicConfigs, int nodeId, List<ConfigEntry> brokerEntries) {
        this.topics = topics;
        this.topicConfigs = topicConfigs;
        this.nodeId = nodeId;
        this.brokerEntries = List.copyOf(brokerEntries);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public void handle(RequestContext context, DescribeConfigsRequest request) {
        DescribeConfigsResponse response = new DescribeConfigsResponse();
        for (DescribeConfigsResource resource : request.resources()) {
            response.results().add(describe(resource, request.includeSynonyms(), request.includeDocumentation()));
        }
        context.respond(response);
    }

    private DescribeConfigsResult describe(DescribeConfigsResource resource, boolean includeSynonyms, boolean includeDocumentation) {
        DescribeConfigsResult result = new DescribeConfigsResult().setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName()).setErrorCode(ErrorCode.NONE.code()).setErrorMessage(NO_ERROR_MESSAGE);
        List<ConfigEntry> entries;
        if (resource.resourceType() == ConfigResources.TOPIC) {
            entries = topicEntries(resource.resourceName(), result);
        } else if (resource.resourceType() == ConfigResources.BROKER) {
            entries = brokerEntries(resource.resourceName(), result);
        } else {
            fail(result, ErrorCode.INVALID_REQUEST, "This broker describes topics (resource type 2) and brokers (4), not resource type "
                    + resource.resourceType() + ".");
            entries = List.of();
        }
        for (ConfigEntry entry : entries) {
            if (resource.configurationKeys() == null || resource.configurationKeys().contains(entry.name())) {
                result.configs().add(toResult(entry, includeSynonyms, includeDocumentation));
            }
        }
        return result;
    }

    /** The topic's settings; none, with the error set, when there is no such topic. */
    private List<ConfigEntry> topicEntries(String name, DescribeConfigsResult result) {
        String invalidName = TopicNames.validate(name);
        if (invalidName != null) {
            fail(result, ErrorCode.INVALID_TOPIC_EXCEPTION, invalidName);
            return List.of();
        }
        Topic topic = topics.get(name);
        if (topic == null) {
            fail(result, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ConfigResources.unknownTopic(name));
            return List.of();
        }
        return topicConfigs.describe(topics.overrides(topic));
    }

    /** This broker's settings for its own id, none for the empty name (there are no dynamic defaults), else an error (Kafka's wording). */
    private List<ConfigEntry> brokerEntries(String name, DescribeConfigsResult result) {
        if (name == null || name.isEmpty()) {
            return List.of();
        }
        int requested;
        try {
            requested = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            fail(result, ErrorCode.INVALID_REQUEST, "Broker id must be an integer, but it is: " + name);
            return List.of();
        }
        if (requested != nodeId) {
            fail(result, ErrorCode.INVALID_REQUEST, "Unexpected broker id, expected " + nodeId + " or empty string, but received " + name);
            return List.of();
        }
        return brokerEntries;
    }

    private static DescribeConfigsResourceResult toResult(ConfigEntry entry, boolean includeSynonyms, boolean includeDocumentation) {
        List<DescribeConfigsSynonym> synonyms = new ArrayList<>();
        if (includeSynonyms) {
            for (ConfigSynonym synonym : entry.synonyms()) {
                synonyms.add(new DescribeConfigsSynonym().setName(synonym.name()).setValue(synonym.value()).setSource(synonym.source().id()));
            }
        }
        return new DescribeConfigsResourceResult().setName(entry.name()).setValue(entry.value()).setReadOnly(entry.readOnly())
                .setConfigSource(entry.source().id()).setIsSensitive(false).setSynonyms(synonyms)
                .setConfigType(ConfigResources.typeId(entry.type()))
                .setDocumentation(includeDocumentation ? entry.documentation() : null);
    }

    private static void fail(DescribeConfigsResult result, ErrorCode error, String message) {
        result.setErrorCode(error.code()).setErrorMessage(message);
    }

    @Override
    public ApiMessage errorResponse(DescribeConfigsRequest request, ErrorCode error) {
        DescribeConfigsResponse response = new DescribeConfigsResponse();
        if (request != null) {
            for (DescribeConfigsResource resource : request.resources()) {
                response.results().add(new DescribeConfigsResult().setResourceType(resource.resourceType())
                        .setResourceName(resource.resourceName()).setErrorCode(error.code()).setErrorMessage(null));
            }
        }
        return response;
    }
}
