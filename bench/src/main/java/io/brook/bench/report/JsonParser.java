package io.brook.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser for RFC 8259 JSON, small enough to read in one sitting. Values come
 * back as plain Java objects: {@code Map<String, Object>} (insertion-ordered), {@code List<Object>},
 * {@code String}, {@link JsonNumber}, {@code Boolean} and {@code null}. Anything else in the input,
 * including trailing text and duplicate keys, is a {@link MalformedJsonException} that says where.
 *
 * <p>Not thread-safe: one parser per input.
 */
final class JsonParser {
    /** Nesting bound, so hostile input cannot overflow the stack; a results file nests four deep. */
    static final int MAX_DEPTH = 64;

    private static final int HEX_DIGITS_PER_ESCAPE = 4;

    private final String text;
    private int position;

    private JsonParser(String text) {
        this.text = text;
    }

    /** Parses one JSON value that makes up the whole of {@code text} (whitespace around it aside). */
    static Object parse(String text) {
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.position < text.length()) {
            throw parser.error("unexpected " + parser.describeNext() + " after the end of the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (position >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char next = text.charAt(position);
        return switch (next) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (next == '-' || isDigit(next)) {
                    yield number();
                }
                throw error("expected a value, found " + describeNext());
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek('}')) {
            position++;
            return members;
        }
        while (true) {
            if (!peek('"')) {
                throw error("expected a member name in double quotes, found " + describeNext());
            }
            int keyPosition = position;
            String key = string();
            if (members.containsKey(key)) {
                position = keyPosition;
                throw error("duplicate member name \"" + key + "\"");
            }
            skipWhitespace();
            expect(':', "after a member name");
            skipWhitespace();
            members.put(key, value(depth + 1));
            skipWhitespace();
            if (peek(',')) {
                position++;
                skipWhitespace();
            } else {
                expect('}', "or ',' after an object member");
                return members;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> elements = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek(']')) {
            position++;
            return elements;
        }
        while (true) {
            elements.add(value(depth + 1));
            skipWhitespace();
            if (peek(',')) {
                position++;
                skipWhitespace();
            } else {
                expect(']', "or ',' after an array element");
                return elements;
            }
        }
    }

    private String string() {
        int start = position;
        position++;
        StringBuilder out = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '"') {
                position++;
                return out.toString();
            }
            if (c == '\\') {
                out.append(escape());
            } else if (c < 0x20) {
                throw error(String.format("control character U+%04X must be escaped in a string", (int) c));
            } else {
                out.append(c);
                position++;
            }
        }
        position = start;
        throw error("unterminated string");
    }

    /** One escape sequence at {@code position} (the backslash); a surrogate pair is two \\u escapes, joined by the caller's builder. */
    private char escape() {
        if (position + 1 >= text.length()) {
            throw error("unterminated escape sequence");
        }
        char kind = text.charAt(position + 1);
        char decoded = switch (kind) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> throw error("invalid escape sequence \\" + kind);
        };
        position += kind == 'u' ? 2 + HEX_DIGITS_PER_ESCAPE : 2;
        return decoded;
    }

    private char unicodeEscape() {
        int digitsStart = position + 2;
        if (digitsStart + HEX_DIGITS_PER_ESCAPE > text.length()) {
            throw error("\\u must be followed by four hex digits");
        }
        int code = 0;
        for (int i = digitsStart; i < digitsStart + HEX_DIGITS_PER_ESCAPE; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw error("\\u must be followed by four hex digits");
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    /** RFC 8259's grammar exactly: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private JsonNumber number() {
        int start = position;
        if (peek('-')) {
            position++;
        }
        if (peek('0')) {
            position++;
        } else {
            digits("a digit");
        }
        if (peek('.')) {
            position++;
            digits("a digit after the decimal point");
        }
        if (peek('e') || peek('E')) {
            position++;
            if (peek('+') || peek('-')) {
                position++;
            }
            digits("a digit in the exponent");
        }
        return new JsonNumber(text.substring(start, position));
    }

    private void digits(String what) {
        if (position >= text.length() || !isDigit(text.charAt(position))) {
            throw error("expected " + what + ", found " + describeNext());
        }
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("expected a value, found " + describeNext());
        }
        position += word.length();
        return value;
    }

    private void expect(char wanted, String context) {
        if (!peek(wanted)) {
            throw error("expected '" + wanted + "' " + context + ", found " + describeNext());
        }
        position++;
    }

    private boolean peek(char wanted) {
        return position < text.length() && text.charAt(position) == wanted;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describeNext() {
        if (position >= text.length()) {
            return "the end of the input";
        }
        char c = text.charAt(position);
        return c < 0x20 ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private MalformedJsonException error(String reason) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new MalformedJsonException(line, position - lineStart + 1, reason);
    }
}
