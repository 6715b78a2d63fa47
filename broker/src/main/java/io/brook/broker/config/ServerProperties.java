package io.brook.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads settings the way Kafka's start script takes them: a properties file, then {@code --override name=value} arguments. */
public final class ServerProperties {
    private ServerProperties() {
    }

    /** Settings from {@code file} (may be null), with {@code overrides} ({@code name=value}) applied on top. */
    public static Map<String, String> load(Path file, List<String> overrides) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            for (String name : properties.stringPropertyNames()) {
                settings.put(name, properties.getProperty(name));
            }
        }
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("Invalid override " + override + ": expected name=value.");
            }
            settings.put(override.substring(0, equals).trim(), override.substring(equals + 1));
        }
        return settings;
    }
}
