package io.brook.broker.config;

/** A configuration the broker cannot start with; the message names the setting and the value. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
