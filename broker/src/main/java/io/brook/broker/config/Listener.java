package io.brook.broker.config;

/**
 * A listener in Kafka's syntax, {@code PLAINTEXT://host:port}. An empty host binds every
 * interface; port 0 picks a free port (for tests).
 */
public record Listener(String host, int port) {
    private static final String PLAINTEXT_PREFIX = "PLAINTEXT://";

    static Listener parse(String configName, String text) {
        if (text.contains(",")) {
            throw new ConfigException("Invalid value " + text + " for configuration " + configName
                    + ": this broker serves a single listener.");
        }
        if (!text.toUpperCase().startsWith(PLAINTEXT_PREFIX)) {
            throw new ConfigException("Invalid value " + text + " for configuration " + configName
                    + ": only PLAINTEXT://host:port listeners are supported.");
        }
        String address = text.substring(PLAINTEXT_PREFIX.length());
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException("Invalid value " + text + " for configuration " + configName + ": no port given.");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid value " + text + " for configuration " + configName + ": the port is not a number.");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("Invalid value " + text + " for configuration " + configName + ": port " + port + " is out of range.");
        }
        return new Listener(host, port);
    }

    @Override
    public String toString() {
        return PLAINTEXT_PREFIX + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
