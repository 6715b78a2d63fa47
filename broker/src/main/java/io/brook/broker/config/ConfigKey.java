package io.brook.broker.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * One setting, declared as data in the shape of Kafka's {@code ConfigDef.define}: its name, type,
 * default, the rule its value must follow, and what it does.
 *
 * @param defaultValue the default as it would be written in server.properties; null for none
 * @param validator what a valid value satisfies
 */
public record ConfigKey(
        String name,
        Type type,
        String defaultValue,
        Validator validator,
        String doc) {

    /** Kafka's {@code ConfigDef.Type}s that these settings use. */
    public enum Type { INT, LONG, SHORT, BOOLEAN, STRING, LIST }

    /** Checks a parsed value. */
    @FunctionalInterface
    public interface Validator {
        /** Why {@code value} is not allowed, completing "Invalid value V for configuration N: ..."; null when it is. */
        String problem(Object value);
    }

    /**
     * Parses and checks {@code text}; the result has the Java type of {@link #type()} (a
     * {@code List<String>} for a list). Throws ConfigException naming the setting and the value.
     */
    Object parse(String text) {
        Object value;
        try {
            value = switch (type) {
                case INT -> Integer.parseInt(text.trim());
                case LONG -> Long.parseLong(text.trim());
                case SHORT -> Short.parseShort(text.trim());
                case BOOLEAN -> parseBoolean(text.trim());
                case STRING -> text.trim();
                case LIST -> parseList(text);
            };
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid value " + text + " for configuration " + name + ": not a valid " + type.name().toLowerCase() + ".");
        }
        String problem = validator.problem(value);
        if (problem != null) {
            throw new ConfigException("Invalid value " + text + " for configuration " + name + ": " + problem + ".");
        }
        return value;
    }

    /** A parsed value as Kafka writes it ({@code ConfigDef.convertToString}): a list comma-separated; null stays null. */
    String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object part : list) {
                parts.add(part.toString());
            }
            return String.join(",", parts);
        }
        return value.toString();
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

    /** Kafka's list syntax: comma-separated, spaces around the commas ignored; an empty text is an empty list. */
    static List<String> parseList(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("\\s*,\\s*", -1));
    }

    static Validator atLeast(long minimum) {
        return value -> ((Number) value).longValue() >= minimum ? null : "must be at least " + minimum;
    }

    static Validator any() {
        return value -> null;
    }

    /** One of {@code allowed}, compared exactly as Kafka's {@code ValidString.in} does. */
    static Validator oneOf(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return value -> values.contains(value) ? null : "must be one of: " + String.join(", ", values);
    }

    static Validator rule(Predicate<Object> valid, String description) {
        return value -> valid.test(value) ? null : description;
    }
}
