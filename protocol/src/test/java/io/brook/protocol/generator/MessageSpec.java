package io.brook.protocol.generator;

import java.util.List;

/** The request or the response of one API: a class name and its top-level fields. */
public record MessageSpec(String className, List<FieldSpec> fields) {
}
