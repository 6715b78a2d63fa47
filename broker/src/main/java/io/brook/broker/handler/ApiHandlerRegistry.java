package io.brook.broker.handler;

import io.brook.protocol.message.ApiKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The handlers by API key, in an array indexed by key. Registration rejects a second handler for a
 * key and version ranges the codec cannot read. The registry adds the ApiVersions handler itself,
 * which answers with {@link #advertisedVersions}, so the answer cannot drift from what is served.
 */
public final class ApiHandlerRegistry {
    private final ApiHandler<?>[] byKey;

    public ApiHandlerRegistry(List<ApiHandler<?>> handlers) {
        List<ApiHandler<?>> all = new ArrayList<>(handlers);
        all.add(new ApiVersionsHandler(this));
        int maxKey = 0;
        for (ApiHandler<?> handler : all) {
            maxKey = Math.max(maxKey, handler.apiKey().id());
        }
        byKey = new ApiHandler<?>[maxKey + 1];
        for (ApiHandler<?> handler : all) {
            register(handler);
        }
    }

    private void register(ApiHandler<?> handler) {
        ApiKey key = handler.apiKey();
        if (byKey[key.id()] != null) {
            throw new IllegalStateException("two handlers for " + key.apiName());
        }
        if (!key.hasVersion(handler.minVersion()) || !key.hasVersion(handler.maxVersion())
                || !key.hasVersion(handler.advertisedMinVersion()) || handler.minVersion() > handler.maxVersion()
                || handler.advertisedMinVersion() > handler.minVersion()) {
            throw new IllegalStateException(key.apiName() + " handler serves versions " + handler.minVersion() + "-"
                    + handler.maxVersion() + " (advertised from " + handler.advertisedMinVersion()
                    + ") but the codec knows " + key.lowestVersion() + "-" + key.highestVersion());
        }
        byKey[key.id()] = handler;
    }

    /** The handler for {@code apiKey}, or null when no API with that key is served. */
    public ApiHandler<?> handler(short apiKey) {
        return apiKey >= 0 && apiKey < byKey.length ? byKey[apiKey] : null;
    }

    /** Every served API with its advertised version range, by key. */
    public List<AdvertisedVersions> advertisedVersions() {
        List<AdvertisedVersions> versions = new ArrayList<>();
        for (ApiHandler<?> handler : byKey) {
            if (handler != null) {
                versions.add(new AdvertisedVersions(handler.apiKey(), handler.advertisedMinVersion(), handler.maxVersion()));
            }
        }
        return versions;
    }

    public record AdvertisedVersions(ApiKey apiKey, short minVersion, short maxVersion) {
    }
}
