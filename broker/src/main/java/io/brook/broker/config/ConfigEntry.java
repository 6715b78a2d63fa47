package io.brook.broker.config;

import java.util.List;

/**
 * One setting as DescribeConfigs reports it.
 *
 * @param value the effective value as Kafka writes it; null when the setting has none
 * @param source where the value comes from: the source of the first synonym, or DEFAULT_CONFIG when there is none
 * @param synonyms the settings that may supply the value, in order of precedence, each with its source
 */
public record ConfigEntry(
        String name,
        String value,
        ConfigSource source,
        boolean readOnly,
        ConfigKey.Type type,
        String documentation,
        List<ConfigSynonym> synonyms) {
}
