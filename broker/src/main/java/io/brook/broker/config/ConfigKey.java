package io.brook.broker.config;

import java.util.function.Predicate;

/**
 * One setting, declared as data in the shape of Kafka's {@code ConfigDef.define}: its name, type,
 * default, the rule its value must follow, and what it does.
 *
 * @param defaultValue the default as it would be written in server.properties; null for none
 * @param rule what a valid value satisfies, described in {@code ruleDescription}
 */
public record ConfigKey(
        String name,
        Type type,
        String defaultValue,
        Predicate<Object> rule,
        String ruleDescription,
        String doc) {

    public enum Type { INT, LONG, SHORT, BOOLEAN, STRING }

    /** Parses and checks {@code text}; the result has the Java type of {@link #type()}. */
    Object parse(String text) {
        Object value;
        try {
            value = switch (type) {
                case INT -> Integer.parseInt(text.trim());
                case LONG -> Long.parseLong(text.trim());
                case SHORT -> Short.parseShort(text.trim());
                case BOOLEAN -> parseBoolean(text.trim());
                case STRING -> text.trim();
            };
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid value " + text + " for configuration " + name + ": not a valid " + type.name().toLowerCase() + ".");
        }
        if (!rule.test(value)) {
            throw new ConfigException("Invalid value " + text + " for configuration " + name + ": " + ruleDescription + ".");
        }
        return value;
    }

    private Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new ConfigException("Invalid value " + text + " for configuration " + name + ": expected true or false.");
    }

    static Predicate<Object> atLeast(long minimum) {
        return value -> ((Number) value).longValue() >= minimum;
    }

    static Predicate<Object> any() {
        return value -> true;
    }
}
