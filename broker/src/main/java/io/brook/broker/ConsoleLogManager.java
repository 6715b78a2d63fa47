package io.brook.broker;

import java.util.logging.LogManager;

/**
 * The java.util.logging manager bin/broker installs. The JDK's own manager resets logging in a
 * shutdown hook of its own, which races the broker's shutdown hook and swallows the lines that say
 * the broker stopped cleanly. This one never resets; console output is flushed line by line anyway.
 */
public final class ConsoleLogManager extends LogManager {
    @Override
    public void reset() {
        // Deliberately empty: see the class comment.
    }
}
