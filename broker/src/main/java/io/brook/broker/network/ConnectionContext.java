package io.brook.broker.network;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.ApiKey;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCounted;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps one connection's responses in request order. Every request takes a slot at the tail when
 * it is read; handlers finish slots in any order, from any thread (the finish hops to the event
 * loop); responses are written from the head as long as the head is finished. An acks=0 produce
 * finishes without bytes; a close finishes by closing once everything before it is sent.
 *
 * <p>Back-pressure: at {@code maxInFlight} unanswered requests, or while a handler asks for it
 * (a full append ring), the connection stops reading.
 *
 * <p>Not thread-safe: confined to the connection's event loop (asserted).
 */
final class ConnectionContext {
    private static final System.Logger LOG = System.getLogger(ConnectionContext.class.getName());

    private final Channel channel;
    private final int maxInFlight;
    private final ArrayDeque<PendingResponse> inFlight = new ArrayDeque<>();
    /** Handlers that asked to stop reading and have not resumed yet. */
    private int readPauses;
    private boolean closing;

    ConnectionContext(Channel channel, int maxInFlight) {
        this.channel = channel;
        this.maxInFlight = maxInFlight;
    }

    Channel channel() {
        return channel;
    }

    PendingResponse enqueue(int correlationId, ApiKey apiKey, short responseVersion, short headerVersion) {
        assert channel.eventLoop().inEventLoop();
        PendingResponse pending = new PendingResponse(correlationId, apiKey, responseVersion, headerVersion);
        inFlight.addLast(pending);
        updateReading();
        return pending;
    }

    void finish(PendingResponse pending, PendingResponse.Outcome outcome, ApiMessage response, String closeReason) {
        assert channel.eventLoop().inEventLoop();
        assert pending.outcome == PendingResponse.Outcome.PENDING : "request " + pending.correlationId + " finished twice";
        pending.outcome = outcome;
        pending.response = response;
        pending.closeReason = closeReason;
        writeFinishedHead();
    }

    void pauseReading() {
        assert channel.eventLoop().inEventLoop();
        readPauses++;
        updateReading();
    }

    void resumeReading() {
        assert channel.eventLoop().inEventLoop();
        assert readPauses > 0;
        readPauses--;
        updateReading();
    }

    private void writeFinishedHead() {
        boolean wrote = false;
        while (!closing && !inFlight.isEmpty() && inFlight.peekFirst().outcome != PendingResponse.Outcome.PENDING) {
            PendingResponse head = inFlight.pollFirst();
            switch (head.outcome) {
                case RESPONSE -> wrote |= write(head);
                case CLOSE_CONNECTION -> close(head.closeReason);
                default -> { }
            }
        }
        if (wrote) {
            channel.flush();
        }
        updateReading();
    }

    private boolean write(PendingResponse pending) {
        if (!channel.isActive()) {
            return false;
        }
        List<ReferenceCounted> parts;
        try {
            parts = ResponseEncoder.encode(channel.alloc(), pending);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not encode the " + pending.apiKey.apiName() + " response to correlation id "
                    + pending.correlationId + " for " + channel.remoteAddress() + "; closing the connection.", e);
            close("its response could not be encoded");
            return false;
        }
        for (ReferenceCounted part : parts) {
            channel.write(part, channel.voidPromise());
        }
        return true;
    }

    /** Closes after flushing what was written, because of bad input; later finishes are dropped. */
    void close(String reason) {
        close(Level.INFO, reason);
    }

    /** Closes after flushing what was written, logging the reason at {@code level}; later finishes are dropped. */
    void close(Level level, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        LOG.log(level, "Closing the connection from {0}: {1}.", channel.remoteAddress(), reason);
        channel.flush();
        channel.close();
    }

    private void updateReading() {
        boolean shouldRead = !closing && readPauses == 0 && inFlight.size() < maxInFlight;
        if (channel.config().isAutoRead() != shouldRead) {
            channel.config().setAutoRead(shouldRead);
        }
    }
}
