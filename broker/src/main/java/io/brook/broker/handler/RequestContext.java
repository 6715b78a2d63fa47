package io.brook.broker.handler;

import io.brook.protocol.ApiMessage;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.function.Supplier;

/**
 * A request in flight on one connection, as its handler sees it. The handler must finish it exactly
 * once, with {@link #respond}, {@link #respondWithNothing} or {@link #closeConnection}, from any
 * thread; responses still leave the connection in request order. The request's bytes (its record
 * sets included) stay valid until then.
 */
public interface RequestContext {
    short apiVersion();

    String clientId();

    /** The client's address as Kafka shows it in DescribeGroups: "/" and the IP address. */
    String clientHost();

    /** The connection's event loop, for timers and for work that must run there. */
    EventLoop eventLoop();

    void respond(ApiMessage response);

    /** Finishes without a response, as Kafka does for produce requests with acks=0. */
    void respondWithNothing();

    /**
     * Finishes by closing the connection once the responses before this one are sent: how Kafka
     * tells an acks=0 producer that something failed.
     */
    void closeConnection(String reason);

    /**
     * State a handler keeps per connection, under {@code key}, made by {@code create} on first use.
     * On the event loop only.
     */
    <T> T connectionState(AttributeKey<T> key, Supplier<T> create);

    /** Runs {@code action} on the event loop when the connection closes (at once if it is closed). */
    void onConnectionClose(Runnable action);

    /** Stops reading requests from this connection until {@link #resumeReading()}; on the event loop. */
    void pauseReading();

    void resumeReading();
}
