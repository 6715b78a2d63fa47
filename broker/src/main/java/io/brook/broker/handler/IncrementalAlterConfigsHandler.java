package io.brook.broker.handler;

import io.brook.broker.config.TopicConfigs;
import io.brook.broker.handler.ConfigAlterations.Outcome;
import io.brook.broker.handler.ConfigAlterations.Rejection;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.IncrementalAlterConfigsRequest;
import io.brook.protocol.message.IncrementalAlterConfigsRequest.AlterConfigsResource;
import io.brook.protocol.message.IncrementalAlterConfigsRequest.AlterableConfig;
import io.brook.protocol.message.IncrementalAlterConfigsResponse;
import io.brook.protocol.message.IncrementalAlterConfigsResponse.AlterConfigsResourceResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * IncrementalAlterConfigs (key 44), versions 0-1. Behaviour: on the control plane, each topic
 * resource's operations apply in order to the topic's own settings: SET (0) sets one, DELETE (1)
 * removes it (the broker's value applies again), APPEND (2) and SUBTRACT (3) add or remove items
 * of a list setting (only cleanup.policy is one; on any other INVALID_CONFIG, as Kafka). The
 * result is checked as a whole (INVALID_CONFIG for an unknown name, a bad value, or compact) and,
 * unless {@code validateOnly}, stored and applied to every partition at once. A setting named
 * twice, or a null value where one is needed, is INVALID_REQUEST; an unknown topic
 * UNKNOWN_TOPIC_OR_PARTITION; a broker resource INVALID_REQUEST (its settings are static); a
 * resource named twice INVALID_REQUEST. Errors are per resource.
 * Version notes: none; version 1 is the flexible form.
 */
public final class IncrementalAlterConfigsHandler implements ApiHandler<IncrementalAlterConfigsRequest> {
    private static final byte SET = 0;
    private static final byte DELETE = 1;
    private static final byte APPEND = 2;
    private static final byte SUBTRACT = 3;

    private final TopicConfigs topicConfigs;
    private final ControlPlane controlPlane;
    private final ConfigAlterations alterations;

    public IncrementalAlterConfigsHandler(TopicRegistry topics, TopicConfigs topicConfigs, ControlPlane controlPlane) {
        this.topicConfigs = topicConfigs;
        this.controlPlane = controlPlane;
        this.alterations = new ConfigAlterations(topics, topicConfigs);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 1;
    }

    @Override
    public void handle(RequestContext context, IncrementalAlterConfigsRequest request) {
        controlPlane.submit(context, this, request, this::alterAll);
    }

    private IncrementalAlterConfigsResponse alterAll(IncrementalAlterConfigsRequest request) throws IOException {
        List<String> keys = new ArrayList<>();
        for (AlterConfigsResource resource : request.resources()) {
            keys.add(ConfigAlterations.resourceKey(resource.resourceType(), resource.resourceName()));
        }
        Set<String> duplicates = ConfigAlterations.duplicates(keys);
        IncrementalAlterConfigsResponse response = new IncrementalAlterConfigsResponse();
        for (AlterConfigsResource resource : request.resources()) {
            Outcome outcome = duplicates.contains(ConfigAlterations.resourceKey(resource.resourceType(), resource.resourceName()))
                    ? new Outcome(ErrorCode.INVALID_REQUEST, "The resource appears more than once in the request.")
                    : alterations.alter(resource.resourceType(), resource.resourceName(),
                            ConfigAlterations.names(resource.configs(), AlterableConfig::name),
                            current -> apply(resource.configs(), current), request.validateOnly());
            response.responses().add(new AlterConfigsResourceResponse().setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName()).setErrorCode(outcome.error().code()).setErrorMessage(outcome.message()));
        }
        return response;
    }

    /** The topic's overrides after the operations, in order. */
    private Map<String, String> apply(List<AlterableConfig> operations, Map<String, String> current) throws Rejection {
        ConfigAlterations.checkNoDuplicateNames(ConfigAlterations.names(operations, AlterableConfig::name));
        Map<String, String> overrides = new TreeMap<>(current);
        for (AlterableConfig operation : operations) {
            String name = operation.name();
            switch (operation.configOperation()) {
                case SET -> overrides.put(name, required(operation));
                case DELETE -> overrides.remove(name);
                case APPEND, SUBTRACT -> overrides.put(name, changeList(operation, overrides));
                default -> throw new Rejection(ErrorCode.INVALID_REQUEST,
                        "Unknown alter config operation " + operation.configOperation() + " for " + name + ".");
            }
        }
        return overrides;
    }

    /**
     * A list setting's value after APPEND (its items not yet there added at the end) or SUBTRACT
     * (its items removed), starting from the topic's value in use: its own (stored, so valid: a
     * request names each setting once) or else the broker's.
     */
    private String changeList(AlterableConfig operation, Map<String, String> overrides) throws Rejection {
        String name = operation.name();
        String verb = operation.configOperation() == APPEND ? "APPEND" : "SUBTRACT";
        if (!TopicConfigs.isList(name)) {
            throw new Rejection(ErrorCode.INVALID_CONFIG, "Can't " + verb + " to key " + name + " because its type is not LIST.");
        }
        String inUse = overrides.containsKey(name) ? overrides.get(name) : topicConfigs.value(Map.of(), name);
        List<String> items = new ArrayList<>(TopicConfigs.parseList(inUse));
        for (String item : TopicConfigs.parseList(required(operation))) {
            if (operation.configOperation() == SUBTRACT) {
                items.remove(item);
            } else if (!items.contains(item)) {
                items.add(item);
            }
        }
        return String.join(",", items);
    }

    private static String required(AlterableConfig operation) throws Rejection {
        if (operation.value() == null) {
            throw ConfigAlterations.nullValue(operation.name());
        }
        return operation.value();
    }

    @Override
    public ApiMessage errorResponse(IncrementalAlterConfigsRequest request, ErrorCode error) {
        IncrementalAlterConfigsResponse response = new IncrementalAlterConfigsResponse();
        if (request != null) {
            for (AlterConfigsResource resource : request.resources()) {
                response.responses().add(new AlterConfigsResourceResponse().setResourceType(resource.resourceType())
                        .setResourceName(resource.resourceName()).setErrorCode(error.code()).setErrorMessage(null));
            }
        }
        return response;
    }
}
