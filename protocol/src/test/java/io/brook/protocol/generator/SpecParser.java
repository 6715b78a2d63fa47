package io.brook.protocol.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses our spec format. A spec file declares one API:
 *
 * <pre>
 * # Comment lines start with '#'; those right above a field become its documentation.
 * api Fetch key=1 versions=4-18 flexible=12+
 *
 * request
 *   MaxWaitMs        int32  0+
 *   Topics           []FetchTopic 0+
 *     Topic          string 0-12
 *     TopicId        uuid   13+
 *   ClusterId        string 12+ nullable=12+ default=null tag=0
 * response
 *   ...
 * </pre>
 *
 * A field line is {@code Name type versions [nullable=R] [tag=N] [default=V] [ignorable]}. Types are
 * {@code int8 int16 int32 int64 bool string uuid bytes records}, a struct name (capitalised) or
 * {@code []type}; {@code bytes} is a length-prefixed byte array, copied out of the frame. Struct fields are declared on the lines below, indented two more spaces. A tagged
 * field exists in the same versions as it is declared for, and only in flexible versions. An API
 * without flexible versions says {@code flexible=none}.
 */
final class SpecParser {
    private static final int INDENT = 2;

    private final String sourceFile;
    private final List<String> lines;
    private int lineIndex;

    private SpecParser(String sourceFile, String text) {
        this.sourceFile = sourceFile;
        this.lines = text.lines().toList();
    }

    static ApiSpec parse(String sourceFile, String text) {
        return new SpecParser(sourceFile, text).parseApi();
    }

    private ApiSpec parseApi() {
        String header = nextContentLine(new ArrayList<>());
        String[] tokens = header.trim().split("\\s+");
        if (!tokens[0].equals("api") || tokens.length != 5) {
            throw error("expected 'api <Name> key=<id> versions=<range> flexible=<range>'");
        }
        Map<String, String> attributes = attributes(tokens, 2);
        String name = tokens[1];
        short key = Short.parseShort(required(attributes, "key"));
        VersionRange versions = VersionRange.parse(required(attributes, "versions"));
        VersionRange flexible = VersionRange.parse(required(attributes, "flexible"));
        if (!flexible.isEmpty() && flexible.highest() != VersionRange.OPEN) {
            throw error("flexible versions are 'none' or open-ended ('<first>+')");
        }

        MessageSpec request = parseSection("request", name + "Request");
        MessageSpec response = parseSection("response", name + "Response");
        if (nextContentLine(new ArrayList<>()) != null) {
            throw error("unexpected content after the response section");
        }
        ApiSpec api = new ApiSpec(sourceFile, name, key, versions, flexible, request, response);
        SpecValidator.validate(api);
        return api;
    }

    private MessageSpec parseSection(String keyword, String className) {
        String line = nextContentLine(new ArrayList<>());
        if (line == null || !line.equals(keyword)) {
            throw error("expected the '" + keyword + "' section");
        }
        return new MessageSpec(className, parseFields(INDENT));
    }

    private List<FieldSpec> parseFields(int indent) {
        List<FieldSpec> fields = new ArrayList<>();
        while (true) {
            int mark = lineIndex;
            List<String> doc = new ArrayList<>();
            String line = nextContentLine(doc);
            if (line == null || indentOf(line) < indent) {
                lineIndex = mark;
                return fields;
            }
            if (indentOf(line) > indent) {
                throw error("unexpected indentation");
            }
            fields.add(parseField(line.trim(), indent, doc));
        }
    }

    private FieldSpec parseField(String text, int indent, List<String> doc) {
        String[] tokens = text.split("\\s+");
        if (tokens.length < 3) {
            throw error("expected 'Name type versions [attributes]'");
        }
        FieldType type = FieldType.parse(tokens[1]);
        VersionRange versions = VersionRange.parse(tokens[2]);
        Map<String, String> attributes = attributes(tokens, 3);
        boolean ignorable = attributes.remove("ignorable") != null;
        VersionRange nullable = attributes.containsKey("nullable")
                ? VersionRange.parse(attributes.remove("nullable"))
                : VersionRange.NONE;
        Integer tag = attributes.containsKey("tag") ? Integer.valueOf(attributes.remove("tag")) : null;
        String defaultValue = attributes.remove("default");
        if (!attributes.isEmpty()) {
            throw error("unknown attributes " + attributes.keySet());
        }
        List<FieldSpec> children = type.hasStruct() ? parseFields(indent + INDENT) : List.of();
        return new FieldSpec(tokens[0], type, versions, nullable, tag, defaultValue, ignorable, children, doc);
    }

    /** The next line that is neither blank nor a comment, collecting the comments passed over into {@code doc}. */
    private String nextContentLine(List<String> doc) {
        while (lineIndex < lines.size()) {
            String line = lines.get(lineIndex++);
            if (line.contains("\t")) {
                throw error("tabs are not allowed; indent with spaces");
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                doc.clear();
            } else if (trimmed.startsWith("#")) {
                doc.add(trimmed.substring(1).trim());
            } else {
                return line.stripTrailing();
            }
        }
        return null;
    }

    private Map<String, String> attributes(String[] tokens, int from) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = from; i < tokens.length; i++) {
            int equals = tokens[i].indexOf('=');
            String name = equals < 0 ? tokens[i] : tokens[i].substring(0, equals);
            String value = equals < 0 ? "" : tokens[i].substring(equals + 1);
            if (attributes.put(name, value) != null) {
                throw error("attribute " + name + " given twice");
            }
        }
        return attributes;
    }

    private String required(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        if (value == null) {
            throw error("missing " + name + "=");
        }
        return value;
    }

    private static int indentOf(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        return indent;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(sourceFile + ":" + lineIndex + ": " + message);
    }
}
