package io.brook.protocol.generator;

/**
 * An inclusive range of API versions as written in a spec: {@code 3+}, {@code 0-12}, {@code 7} or
 * {@code none}. {@code 3+} is open-ended and stored with {@link Short#MAX_VALUE} as its top.
 */
public record VersionRange(short lowest, short highest) {
    static final VersionRange NONE = new VersionRange((short) 0, (short) -1);
    static final short OPEN = Short.MAX_VALUE;

    static VersionRange parse(String text) {
        if (text.equals("none")) {
            return NONE;
        }
        if (text.endsWith("+")) {
            return new VersionRange(Short.parseShort(text.substring(0, text.length() - 1)), OPEN);
        }
        int dash = text.indexOf('-');
        if (dash > 0) {
            VersionRange range = new VersionRange(
                    Short.parseShort(text.substring(0, dash)), Short.parseShort(text.substring(dash + 1)));
            if (range.isEmpty()) {
                throw new IllegalArgumentException("empty version range " + text);
            }
            return range;
        }
        short single = Short.parseShort(text);
        return new VersionRange(single, single);
    }

    public boolean isEmpty() {
        return highest < lowest;
    }

    public boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    /** True when every version of {@code other} is in this range. */
    boolean covers(VersionRange other) {
        return other.isEmpty() || (lowest <= other.lowest && highest >= other.highest);
    }

    VersionRange intersect(VersionRange other) {
        VersionRange result = new VersionRange(
                (short) Math.max(lowest, other.lowest), (short) Math.min(highest, other.highest));
        return result.isEmpty() ? NONE : result;
    }

    /**
     * A Java condition on {@code version} that is true exactly for the versions of this range that
     * lie within {@code scope}; "true" or "false" when the answer does not depend on the version.
     */
    String condition(VersionRange scope) {
        VersionRange effective = intersect(scope);
        if (effective.isEmpty()) {
            return "false";
        }
        boolean needsLower = effective.lowest > scope.lowest;
        boolean needsUpper = effective.highest < scope.highest;
        if (needsLower && needsUpper) {
            return effective.lowest == effective.highest
                    ? "version == " + effective.lowest
                    : "version >= " + effective.lowest + " && version <= " + effective.highest;
        }
        if (needsLower) {
            return "version >= " + effective.lowest;
        }
        if (needsUpper) {
            return "version <= " + effective.highest;
        }
        return "true";
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == OPEN) {
            return lowest + "+";
        }
        return lowest == highest ? Short.toString(lowest) : lowest + "-" + highest;
    }
}
