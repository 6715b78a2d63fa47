package io.brook.protocol.generator;

import java.util.List;

/**
 * One field of a message or struct, as declared in a spec file.
 *
 * @param tag the tag of a tagged field (sent in the tagged-field section of flexible versions
 *     only when it differs from its default), or null for a regular field
 * @param defaultValue the spec's default literal, or null when the type's natural default applies
 * @param ignorable whether a non-default value may be silently dropped at a version without the field
 * @param doc the comment lines above the field in the spec
 */
public record FieldSpec(
        String name,
        FieldType type,
        VersionRange versions,
        VersionRange nullableVersions,
        Integer tag,
        String defaultValue,
        boolean ignorable,
        List<FieldSpec> children,
        List<String> doc) {

    public boolean isTagged() {
        return tag != null;
    }

    /** The Java field name: the spec name with a lower-case first letter. */
    public String javaName() {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    public String setterName() {
        return "set" + name;
    }
}
