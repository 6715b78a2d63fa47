package io.brook.protocol.generator;

/** The type of a spec field: a primitive, a struct, or an array of either. */
public record FieldType(Kind kind, FieldType element, String structName) {
    public enum Kind { INT8, INT16, INT32, INT64, BOOL, STRING, UUID, BYTES, RECORDS, STRUCT, ARRAY }

    static FieldType parse(String text) {
        if (text.startsWith("[]")) {
            return new FieldType(Kind.ARRAY, parse(text.substring(2)), null);
        }
        return switch (text) {
            case "int8" -> primitive(Kind.INT8);
            case "int16" -> primitive(Kind.INT16);
            case "int32" -> primitive(Kind.INT32);
            case "int64" -> primitive(Kind.INT64);
            case "bool" -> primitive(Kind.BOOL);
            case "string" -> primitive(Kind.STRING);
            case "uuid" -> primitive(Kind.UUID);
            case "bytes" -> primitive(Kind.BYTES);
            case "records" -> primitive(Kind.RECORDS);
            default -> {
                if (!Character.isUpperCase(text.charAt(0))) {
                    throw new IllegalArgumentException("unknown type " + text);
                }
                yield new FieldType(Kind.STRUCT, null, text);
            }
        };
    }

    private static FieldType primitive(Kind kind) {
        return new FieldType(kind, null, null);
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    public boolean isStruct() {
        return kind == Kind.STRUCT;
    }

    /** A struct or an array of structs: the field has child fields in the spec. */
    public boolean hasStruct() {
        return isStruct() || (isArray() && element.isStruct());
    }

    public String structTypeName() {
        return isArray() ? element.structName : structName;
    }

    /** Types whose null is encoded on the wire (length -1). */
    boolean canBeNull() {
        return kind == Kind.STRING || kind == Kind.BYTES || kind == Kind.RECORDS || kind == Kind.ARRAY;
    }

    String javaType() {
        return switch (kind) {
            case INT8 -> "byte";
            case INT16 -> "short";
            case INT32 -> "int";
            case INT64 -> "long";
            case BOOL -> "boolean";
            case STRING -> "String";
            case UUID -> "UUID";
            case BYTES -> "byte[]";
            case RECORDS -> "RecordSet";
            case STRUCT -> structName;
            case ARRAY -> "List<" + element.boxedType() + ">";
        };
    }

    String boxedType() {
        return switch (kind) {
            case INT8 -> "Byte";
            case INT16 -> "Short";
            case INT32 -> "Integer";
            case INT64 -> "Long";
            case BOOL -> "Boolean";
            default -> javaType();
        };
    }

    boolean isPrimitiveJava() {
        return switch (kind) {
            case INT8, INT16, INT32, INT64, BOOL -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return isArray() ? "[]" + element : (isStruct() ? structName : kind.name().toLowerCase());
    }
}
