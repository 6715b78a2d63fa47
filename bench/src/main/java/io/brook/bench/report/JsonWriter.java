package io.brook.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Writes plain Java values as pretty JSON: {@code Map<String, ?>} (in its iteration order, so a
 * LinkedHashMap gives a stable field order), {@code List<?>}, {@code String}, {@code Boolean},
 * integral {@code Number}s, {@code Double} and {@code null}. Doubles are written with
 * {@link Double#toString}, the shortest text that parses back to the same bits; NaN and the
 * infinities have no JSON form and become {@code null}. Arrays of scalars stay on one line, the
 * rest is indented two spaces per level.
 */
final class JsonWriter {
    private static final String INDENT = "  ";

    private JsonWriter() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        value(out, value, 0);
        return out.append('\n').toString();
    }

    private static void value(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean flag) {
            out.append(flag.booleanValue());
        } else if (value instanceof Double number) {
            out.append(Double.isFinite(number) ? Double.toString(number) : "null");
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Map<?, ?> members) {
            object(out, members, depth);
        } else if (value instanceof List<?> elements) {
            array(out, elements, depth);
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> members, int depth) {
        if (members.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        String separator = "\n";
        for (Map.Entry<?, ?> member : members.entrySet()) {
            out.append(separator);
            indent(out, depth + 1);
            string(out, (String) member.getKey());
            out.append(": ");
            value(out, member.getValue(), depth + 1);
            separator = ",\n";
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> elements, int depth) {
        if (elements.stream().noneMatch(element -> element instanceof Map || element instanceof List)) {
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(out, elements.get(i), depth);
            }
            out.append(']');
            return;
        }
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            indent(out, depth + 1);
            value(out, elements.get(i), depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append(']');
    }

    /** Escapes what RFC 8259 requires (quote, backslash, control characters); other characters go out as UTF-16 text. */
    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append(INDENT.repeat(depth));
    }
}
