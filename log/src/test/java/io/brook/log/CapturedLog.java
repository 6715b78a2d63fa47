package io.brook.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what the log module logs (through {@code System.Logger}, which java.util.logging
 * backs) while a test runs, instead of printing it: tests check what recovery reports, and the
 * recovery tests, which load hundreds of damaged logs, stay quiet.
 */
final class CapturedLog extends Handler implements AutoCloseable {
    private static final SimpleFormatter FORMATTER = new SimpleFormatter();

    /** Held strongly: java.util.logging keeps loggers only weakly, and would drop the handler with it. */
    private final Logger logger = Logger.getLogger("io.brook.log");
    private final boolean usedParentHandlers;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog() {
        usedParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    static CapturedLog start() {
        return new CapturedLog();
    }

    /** The messages logged so far, formatted, oldest first. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    /** The messages logged so far that contain {@code text}. */
    List<String> messagesContaining(String text) {
        return messages.stream().filter(message -> message.contains(text)).toList();
    }

    void clear() {
        messages.clear();
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(FORMATTER.formatMessage(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}
