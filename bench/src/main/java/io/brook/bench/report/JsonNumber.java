package io.brook.bench.report;

/**
 * A JSON number as written. Kept as text so that a long survives beyond 2^53 and a double
 * written by {@link Double#toString} comes back bit for bit; the reader decides which it wants.
 */
record JsonNumber(String text) {

    double asDouble() {
        return Double.parseDouble(text);
    }

    /** @throws NumberFormatException when the number has a fraction or exponent, or does not fit a long */
    long asLong() {
        return Long.parseLong(text);
    }
}
