package io.brook.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    @Test
    void parsesEveryKindOfValue() {
        Object parsed = JsonParser.parse(" {\"a\": [1, -2.5e-3, true, false, null, \"x\"], \"b\": {}, \"c\": []}\n");

        Map<?, ?> root = (Map<?, ?>) parsed;
        assertEquals(List.of("a", "b", "c"), List.copyOf(root.keySet()), "members keep their order");
        assertEquals(Arrays.asList(new JsonNumber("1"), new JsonNumber("-2.5e-3"), true, false, null, "x"), root.get("a"));
        assertEquals(Map.of(), root.get("b"));
        assertEquals(List.of(), root.get("c"));
    }

    @Test
    void decodesEveryEscapeIncludingSurrogatePairs() {
        Object parsed = JsonParser.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\uD83D\\uDE00 \\u0000\"");

        assertEquals("q\" b\\ s/ \b\f\n\r\t é \uD83D\uDE00 \u0000", parsed);
    }

    @Test
    void readsTopLevelScalars() {
        assertNull(JsonParser.parse("null"));
        assertEquals(new JsonNumber("0"), JsonParser.parse("0"));
        assertEquals("", JsonParser.parse("\"\""));
    }

    @Test
    void rejectsMalformedInputSayingWhereAndWhy() {
        assertMalformed("{\"a\": 1,\n  \"b\" 2}", "line 2, column 7: expected ':' after a member name, found '2'");
        assertMalformed("[1, 2", "line 1, column 6: expected ']' or ',' after an array element, found the end of the input");
        assertMalformed("{\"a\": 1} x", "line 1, column 10: unexpected 'x' after the end of the JSON value");
        assertMalformed("{\"a\": 1, \"a\": 2}", "line 1, column 10: duplicate member name \"a\"");
        assertMalformed("{a: 1}", "line 1, column 2: expected a member name in double quotes, found 'a'");
        assertMalformed("[1,]", "line 1, column 4: expected a value, found ']'");
        assertMalformed("\"abc", "line 1, column 1: unterminated string");
        assertMalformed("\"a\\x\"", "line 1, column 3: invalid escape sequence \\x");
        assertMalformed("\"\\u12G4\"", "line 1, column 2: \\u must be followed by four hex digits");
        assertMalformed("\"a\nb\"", "line 1, column 3: control character U+000A must be escaped in a string");
        assertMalformed("", "line 1, column 1: unexpected end of input, expected a value");
        assertMalformed("tru", "line 1, column 1: expected a value, found 't'");
    }

    @Test
    void rejectsNumbersOutsideTheJsonGrammar() {
        assertMalformed("01", "unexpected '1' after the end of the JSON value");
        assertMalformed("1.", "expected a digit after the decimal point, found the end of the input");
        assertMalformed(".5", "expected a value, found '.'");
        assertMalformed("1e", "expected a digit in the exponent, found the end of the input");
        assertMalformed("-", "expected a digit, found the end of the input");
        assertMalformed("NaN", "expected a value, found 'N'");
        assertMalformed("+1", "expected a value, found '+'");
    }

    @Test
    void rejectsNestingBeyondTheLimitButAcceptsItUpToTheLimit() {
        String deepest = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        String tooDeep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);

        assertTrue(JsonParser.parse(deepest) instanceof List);
        assertMalformed(tooDeep, "nesting deeper than " + JsonParser.MAX_DEPTH + " levels");
    }

    private static void assertMalformed(String json, String expectedMessageEnd) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonParser.parse(json));
        assertTrue(e.getMessage().startsWith("Malformed JSON at line "), e.getMessage());
        assertTrue(e.getMessage().endsWith(expectedMessageEnd), () -> "message was: " + e.getMessage());
    }
}
