package io.brook.broker.config;

/** A setting that may supply a described setting's value, with that value and where it comes from. */
public record ConfigSynonym(String name, String value, ConfigSource source) {
}
