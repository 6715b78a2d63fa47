package io.brook.broker.handler;

import java.util.ArrayDeque;

/**
 * Keeps the produce requests of one connection publishing their batches in request order, as
 * Kafka's muted channel does: a request starts publishing only after the one before it has
 * published all of its batches (their appends may still be running). A request waiting for topics
 * to be created, or for room in a full ring, holds back the requests behind it. When the
 * connection closes, the waiting requests are abandoned and their buffers released.
 *
 * <p>Not thread-safe: confined to the connection's event loop.
 */
final class ProduceSequence {
    /** One request's publishing, advanced by the sequence when it reaches the head. */
    interface Step {
        /**
         * Publishes as far as possible. Returns true when every batch is published; false when it
         * must wait, having arranged for {@link ProduceSequence#drive()} to be called later.
         */
        boolean advance(ProduceSequence sequence);

        /** The connection closed before every batch was published: release what is left, and finish. */
        void abandon();
    }

    private final ArrayDeque<Step> waiting = new ArrayDeque<>();
    private boolean driving;
    private boolean driveAgain;
    private boolean closed;

    void submit(Step step) {
        if (closed) {
            step.abandon();
            return;
        }
        waiting.addLast(step);
        drive();
    }

    /** Advances the head, and the requests behind it as long as each finishes publishing. */
    void drive() {
        if (driving) {
            driveAgain = true;
            return;
        }
        driving = true;
        try {
            do {
                driveAgain = false;
                while (!waiting.isEmpty() && waiting.peekFirst().advance(this)) {
                    waiting.pollFirst();
                }
            } while (driveAgain);
        } finally {
            driving = false;
        }
    }

    void abandonAll() {
        closed = true;
        while (!waiting.isEmpty()) {
            waiting.pollFirst().abandon();
        }
    }
}
