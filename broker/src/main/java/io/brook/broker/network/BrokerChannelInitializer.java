package io.brook.broker.network;

import io.brook.broker.handler.ApiHandlerRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every connection:
 *
 * <pre>
 *  socket ─▶ IdleStateHandler ─▶ LengthFieldBasedFrameDecoder ─▶ RequestDispatcher ─▶ handlers
 *            (connections.max.   (int32 size prefix, at most      (header, order,
 *             idle.ms)            socket.request.max.bytes)        version checks)
 * </pre>
 */
final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int SIZE_FIELD_BYTES = 4;

    private final ApiHandlerRegistry registry;
    private final int maxFrameBytes;
    private final int maxInFlightRequests;
    private final long connectionsMaxIdleMs;

    BrokerChannelInitializer(ApiHandlerRegistry registry, int maxFrameBytes, int maxInFlightRequests, long connectionsMaxIdleMs) {
        this.registry = registry;
        this.maxFrameBytes = maxFrameBytes;
        this.maxInFlightRequests = maxInFlightRequests;
        this.connectionsMaxIdleMs = connectionsMaxIdleMs;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new IdleStateHandler(0, 0, connectionsMaxIdleMs, TimeUnit.MILLISECONDS))
                // failFast: an oversized frame closes the connection as soon as its size is read.
                .addLast(new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, SIZE_FIELD_BYTES, 0, SIZE_FIELD_BYTES, true))
                .addLast(new RequestDispatcher(registry, maxInFlightRequests));
    }
}
