package io.brook.bench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of the form {@code --name value}, {@code --flag}, and repeatable
 * {@code --name key=value}. Anything not declared is an error naming the argument.
 */
final class Arguments {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();

    static Arguments parse(List<String> arguments, Set<String> valueNames, Set<String> repeatableNames, Set<String> flagNames) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                throw new UsageException("unexpected argument " + argument);
            }
            String name = argument.substring(2);
            if (flagNames.contains(name)) {
                parsed.flags.add(name);
                continue;
            }
            if (!valueNames.contains(name) && !repeatableNames.contains(name)) {
                throw new UsageException("unknown option " + argument);
            }
            if (i + 1 == arguments.size()) {
                throw new UsageException(argument + " needs a value");
            }
            String value = arguments.get(++i);
            if (repeatableNames.contains(name)) {
                parsed.repeated.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            } else {
                parsed.values.put(name, value);
            }
        }
        return parsed;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String value(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    /** The value of {@code --name} as a number, or null when not given. */
    Long number(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, not " + value);
        }
    }

    Double decimal(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number, not " + value);
        }
    }

    /** Every {@code --name key=value} as a map. */
    Map<String, String> settings(String name) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : repeated.getOrDefault(name, List.of())) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--" + name + " needs key=value, not " + setting);
            }
            settings.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return settings;
    }

    /** A comma-separated list; empty when not given. */
    List<String> list(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? List.of() : List.of(value.split(","));
    }
}
