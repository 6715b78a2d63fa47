package io.brook.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one parsed JSON object's members. Every failure names the member by its path
 * from the document root ({@code results[3].latencyMs.p99}) and says what was expected and found,
 * so a hand-edited or truncated results file points at its own mistake.
 */
final class JsonFields {
    private final String path;
    private final Map<?, ?> members;

    private JsonFields(String path, Map<?, ?> members) {
        this.path = path;
        this.members = members;
    }

    /** The document root, which must be an object. */
    static JsonFields root(Object parsed) {
        return new JsonFields("", asObject("the document", parsed));
    }

    String string(String name) {
        Object value = required(name);
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(name, "a string", value);
    }

    String stringOrNull(String name) {
        return present(name) ? string(name) : null;
    }

    boolean bool(String name) {
        Object value = required(name);
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(name, "true or false", value);
    }

    long longValue(String name) {
        JsonNumber number = number(name);
        try {
            return number.asLong();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(pathOf(name) + ": expected a whole number that fits 64 bits, found " + number.text(), e);
        }
    }

    /** {@code null} (how unknown figures are written) reads as {@code whenNull}. */
    long longOr(String name, long whenNull) {
        return present(name) ? longValue(name) : whenNull;
    }

    int intValue(String name) {
        long value = longValue(name);
        if (value != (int) value) {
            throw new IllegalArgumentException(pathOf(name) + ": expected a whole number that fits 32 bits, found " + value);
        }
        return (int) value;
    }

    /** {@code null} (how NaN is written) reads as NaN. */
    double doubleOrNaN(String name) {
        return present(name) ? number(name).asDouble() : Double.NaN;
    }

    JsonFields object(String name) {
        return new JsonFields(pathOf(name), asObject(pathOf(name), required(name)));
    }

    /** An object, or null when the member holds {@code null}. */
    JsonFields objectOrNull(String name) {
        return present(name) ? object(name) : null;
    }

    /** The elements of an array of objects. */
    List<JsonFields> objects(String name) {
        List<?> elements = array(name);
        List<JsonFields> objects = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String elementPath = pathOf(name) + "[" + i + "]";
            objects.add(new JsonFields(elementPath, asObject(elementPath, elements.get(i))));
        }
        return objects;
    }

    List<String> strings(String name) {
        List<?> elements = array(name);
        List<String> strings = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof String text)) {
                throw new IllegalArgumentException(pathOf(name) + "[" + i + "]: expected a string, found " + describe(elements.get(i)));
            }
            strings.add(text);
        }
        return strings;
    }

    private List<?> array(String name) {
        Object value = required(name);
        if (value instanceof List<?> elements) {
            return elements;
        }
        throw wrongType(name, "an array", value);
    }

    private JsonNumber number(String name) {
        Object value = required(name);
        if (value instanceof JsonNumber number) {
            return number;
        }
        throw wrongType(name, "a number", value);
    }

    /** True when the member exists and is not null. */
    private boolean present(String name) {
        required(name);
        return members.get(name) != null;
    }

    /** The member's value (possibly null); a member left out altogether is an error, not a null. */
    private Object required(String name) {
        if (!members.containsKey(name)) {
            throw new IllegalArgumentException(pathOf(name) + ": missing");
        }
        return members.get(name);
    }

    private IllegalArgumentException wrongType(String name, String expected, Object found) {
        return new IllegalArgumentException(pathOf(name) + ": expected " + expected + ", found " + describe(found));
    }

    private String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Map<?, ?> asObject(String where, Object value) {
        if (value instanceof Map<?, ?> members) {
            return members;
        }
        throw new IllegalArgumentException(where + ": expected an object, found " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof JsonNumber number) {
            return "the number " + number.text();
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        return value instanceof List ? "an array" : "an object";
    }
}
