package io.brook.broker.handler;

import io.brook.broker.config.TopicConfigs;
import io.brook.broker.handler.ConfigAlterations.Outcome;
import io.brook.broker.handler.ConfigAlterations.Rejection;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.AlterConfigsRequest;
import io.brook.protocol.message.AlterConfigsRequest.AlterConfigsResource;
import io.brook.protocol.message.AlterConfigsRequest.AlterableConfig;
import io.brook.protocol.message.AlterConfigsResponse;
import io.brook.protocol.message.AlterConfigsResponse.AlterConfigsResourceResponse;
import io.brook.protocol.message.ApiKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AlterConfigs (key 33), versions 0-2, the form before IncrementalAlterConfigs. Behaviour: on the
 * control plane, each topic resource's settings replace the topic's own settings as a whole
 * (a setting left out goes back to the broker's value), checked as in IncrementalAlterConfigs
 * (INVALID_CONFIG for an unknown name or a bad value; INVALID_REQUEST for a null value or a
 * setting named twice) and, unless {@code validateOnly}, stored and applied to every partition at
 * once. An unknown topic gets UNKNOWN_TOPIC_OR_PARTITION; a broker resource INVALID_REQUEST (its
 * settings are static); a resource named twice INVALID_REQUEST. Errors are per resource. Kafka
 * 4's Admin client no longer sends it; older clients and tools do.
 * Version notes: version 1 is laid out as version 0; version 2 is the flexible form.
 */
public final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequest> {
    private final ControlPlane controlPlane;
    private final ConfigAlterations alterations;

    public AlterConfigsHandler(TopicRegistry topics, TopicConfigs topicConfigs, ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.alterations = new ConfigAlterations(topics, topicConfigs);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public void handle(RequestContext context, AlterConfigsRequest request) {
        controlPlane.submit(context, this, request, this::alterAll);
    }

    private AlterConfigsResponse alterAll(AlterConfigsRequest request) throws IOException {
        List<String> keys = new ArrayList<>();
        for (AlterConfigsResource resource : request.resources()) {
            keys.add(ConfigAlterations.resourceKey(resource.resourceType(), resource.resourceName()));
        }
        Set<String> duplicates = ConfigAlterations.duplicates(keys);
        AlterConfigsResponse response = new AlterConfigsResponse();
        for (AlterConfigsResource resource : request.resources()) {
            Outcome outcome = duplicates.contains(ConfigAlterations.resourceKey(resource.resourceType(), resource.resourceName()))
                    ? new Outcome(ErrorCode.INVALID_REQUEST, "The resource appears more than once in the request.")
                    : alterations.alter(resource.resourceType(), resource.resourceName(),
                            ConfigAlterations.names(resource.configs(), AlterableConfig::name),
                            current -> replacement(resource.configs()), request.validateOnly());
            response.responses().add(new AlterConfigsResourceResponse().setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName()).setErrorCode(outcome.error().code()).setErrorMessage(outcome.message()));
        }
        return response;
    }

    /** The topic's new overrides: exactly the request's. */
    private static Map<String, String> replacement(List<AlterableConfig> configs) throws Rejection {
        ConfigAlterations.checkNoDuplicateNames(ConfigAlterations.names(configs, AlterableConfig::name));
        Map<String, String> overrides = new TreeMap<>();
        for (AlterableConfig config : configs) {
            if (config.value() == null) {
                throw ConfigAlterations.nullValue(config.name());
            }
            overrides.put(config.name(), config.value());
        }
        return overrides;
    }

    @Override
    public ApiMessage errorResponse(AlterConfigsRequest request, ErrorCode error) {
        AlterConfigsResponse response = new AlterConfigsResponse();
        if (request != null) {
            for (AlterConfigsResource resource : request.resources()) {
                response.responses().add(new AlterConfigsResourceResponse().setResourceType(resource.resourceType())
                        .setResourceName(resource.resourceName()).setErrorCode(error.code()).setErrorMessage(null));
            }
        }
        return response;
    }
}
