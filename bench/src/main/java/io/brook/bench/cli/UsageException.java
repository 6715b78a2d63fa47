package io.brook.bench.cli;

/** A command line the harness cannot act on; the message says what to change. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
