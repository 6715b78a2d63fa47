package io.brook.bench.report;

/** Text that is not JSON, with where the parser gave up (1-based line and column) and why. */
public final class MalformedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(int line, int column, String reason) {
        super("Malformed JSON at line " + line + ", column " + column + ": " + reason);
    }
}
