package io.brook.protocol.generator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rejects specs the generator cannot turn into correct code, naming the file and field. */
final class SpecValidator {
    /** Method names every generated top-level message already has. */
    private static final Set<String> RESERVED_TOP_LEVEL_NAMES = Set.of("apiKey", "write", "read");

    private SpecValidator() {
    }

    static void validate(ApiSpec api) {
        for (MessageSpec message : List.of(api.request(), api.response())) {
            for (FieldSpec field : message.fields()) {
                if (RESERVED_TOP_LEVEL_NAMES.contains(field.javaName())) {
                    throw new IllegalArgumentException(where(api, field) + "name clashes with a generated method");
                }
            }
            validateFields(api, message.fields());
            checkStructNames(api, message.fields(), new HashMap<>());
        }
    }

    private static void validateFields(ApiSpec api, List<FieldSpec> fields) {
        Set<Integer> tags = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (FieldSpec field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException(where(api, field) + "duplicate field name");
            }
            if (!field.nullableVersions().isEmpty() && !field.type().canBeNull()) {
                throw new IllegalArgumentException(where(api, field) + "only strings, bytes, records and arrays can be null");
            }
            if (field.type().kind() == FieldType.Kind.RECORDS && !field.nullableVersions().covers(field.versions())) {
                throw new IllegalArgumentException(where(api, field) + "records fields must be nullable in all their versions");
            }
            if (field.isTagged()) {
                if (!api.flexibleVersions().covers(field.versions())) {
                    throw new IllegalArgumentException(where(api, field) + "tagged fields exist only in flexible versions");
                }
                if (!tags.add(field.tag())) {
                    throw new IllegalArgumentException(where(api, field) + "duplicate tag " + field.tag());
                }
            }
            if (field.type().hasStruct() == field.children().isEmpty()) {
                throw new IllegalArgumentException(where(api, field) + "struct types need child fields and only they");
            }
            validateFields(api, field.children());
        }
    }

    /** All structs of one message become nested classes of one class, so their names must be unique. */
    private static void checkStructNames(ApiSpec api, List<FieldSpec> fields, Map<String, FieldSpec> seen) {
        for (FieldSpec field : fields) {
            if (field.type().hasStruct()) {
                FieldSpec previous = seen.putIfAbsent(field.type().structTypeName(), field);
                if (previous != null) {
                    throw new IllegalArgumentException(where(api, field) + "struct name "
                            + field.type().structTypeName() + " is already used by field " + previous.name());
                }
                checkStructNames(api, field.children(), seen);
            }
        }
    }

    private static String where(ApiSpec api, FieldSpec field) {
        return api.sourceFile() + ": field " + field.name() + ": ";
    }
}
