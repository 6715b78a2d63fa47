package io.brook.broker.network;

import io.brook.broker.handler.RequestContext;
import io.brook.protocol.ApiMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A request in flight on a channel. Owns the request frame when the decoded request reads from it
 * (its records) and releases it when the handler finishes, exactly once, from whichever thread
 * that happens on.
 */
final class ChannelRequestContext implements RequestContext {
    private final ConnectionContext connection;
    private final PendingResponse pending;
    private final short apiVersion;
    private final String clientId;
    private final ByteBuf frame;
    private final AtomicBoolean finished = new AtomicBoolean();

    /** Takes ownership of {@code frame}, the buffer the request was decoded from, or null when the request keeps no view of it. */
    ChannelRequestContext(ConnectionContext connection, PendingResponse pending, short apiVersion, String clientId, ByteBuf frame) {
        this.connection = connection;
        this.pending = pending;
        this.apiVersion = apiVersion;
        this.clientId = clientId;
        this.frame = frame;
    }

    @Override
    public short apiVersion() {
        return apiVersion;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public String clientHost() {
        return connection.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? "/" + address.getAddress().getHostAddress()
                : String.valueOf(connection.channel().remoteAddress());
    }

    @Override
    public EventLoop eventLoop() {
        return connection.channel().eventLoop();
    }

    boolean isFinished() {
        return finished.get();
    }

    @Override
    public void respond(ApiMessage response) {
        finish(PendingResponse.Outcome.RESPONSE, response, null);
    }

    @Override
    public void respondWithNothing() {
        finish(PendingResponse.Outcome.NO_RESPONSE, null, null);
    }

    @Override
    public void closeConnection(String reason) {
        finish(PendingResponse.Outcome.CLOSE_CONNECTION, null, reason);
    }

    @Override
    public <T> T connectionState(AttributeKey<T> key, Supplier<T> create) {
        assert eventLoop().inEventLoop();
        Attribute<T> attribute = connection.channel().attr(key);
        T value = attribute.get();
        if (value == null) {
            value = create.get();
            attribute.set(value);
        }
        return value;
    }

    @Override
    public void onConnectionClose(Runnable action) {
        connection.channel().closeFuture().addListener(closed -> action.run());
    }

    @Override
    public void pauseReading() {
        connection.pauseReading();
    }

    @Override
    public void resumeReading() {
        connection.resumeReading();
    }

    private void finish(PendingResponse.Outcome outcome, ApiMessage response, String closeReason) {
        if (!finished.compareAndSet(false, true)) {
            throw new IllegalStateException("request " + pending.correlationId + " to " + pending.apiKey.apiName() + " finished twice");
        }
        if (frame != null) {
            frame.release();
        }
        EventLoop eventLoop = eventLoop();
        if (eventLoop.inEventLoop()) {
            connection.finish(pending, outcome, response, closeReason);
            return;
        }
        try {
            eventLoop.execute(() -> connection.finish(pending, outcome, response, closeReason));
        } catch (RejectedExecutionException shutDown) {
            // The broker is stopping and the connection is gone with its event loop: nobody to answer.
        }
    }
}
