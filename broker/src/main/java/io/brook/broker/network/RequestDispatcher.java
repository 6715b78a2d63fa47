package io.brook.broker.network;

import io.brook.broker.handler.ApiHandler;
import io.brook.broker.handler.ApiHandlerRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.header.RequestHeader;
import io.brook.protocol.header.ResponseHeader;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.UnsupportedVersionException;
import io.brook.protocol.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Routes each request frame of one connection to its API's handler; holds no API logic. Reads the
 * header, gives the request its place in the response order, decodes the body, and checks the
 * version: a version the handler does not serve gets the handler's error response with
 * UNSUPPORTED_VERSION, not a disconnect. Input that cannot be framed or parsed (a bad length, a
 * truncated header or body, an API this broker does not serve) closes the connection, logged once.
 *
 * <p>One instance per connection, on its event loop.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(RequestDispatcher.class.getName());

    private final ApiHandlerRegistry registry;
    private final int maxInFlightRequests;
    private ConnectionContext connection;

    RequestDispatcher(ApiHandlerRegistry registry, int maxInFlightRequests) {
        this.registry = registry;
        this.maxInFlightRequests = maxInFlightRequests;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection = new ConnectionContext(ctx.channel(), maxInFlightRequests);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf frame = (ByteBuf) message;
        WireReader reader = new WireReader(frame);
        RequestHeader header;
        try {
            header = RequestHeader.read(reader);
        } catch (MalformedMessageException e) {
            frame.release();
            connection.close("its request header could not be read (" + e.getMessage() + ")");
            return;
        }
        ApiHandler<?> handler = registry.handler(header.apiKey());
        if (handler == null) {
            frame.release();
            connection.close("it sent API key " + header.apiKey() + ", which this broker does not serve");
            return;
        }
        dispatch(handler, header, reader, frame);
    }

    @SuppressWarnings("unchecked")
    private <Q extends ApiMessage> void dispatch(ApiHandler<Q> handler, RequestHeader header, WireReader reader, ByteBuf frame) {
        ApiKey key = handler.apiKey();
        short version = header.apiVersion();
        short headerVersion = ResponseHeader.version(key, version);
        if (!key.hasVersion(version)) {
            frame.release();
            LOG.log(Level.DEBUG, "Client {0} sent {1} version {2}, which no Kafka release defines; answering UNSUPPORTED_VERSION.",
                    header.clientId(), key.apiName(), version);
            PendingResponse pending = connection.enqueue(header.correlationId(), key, handler.errorResponseVersion(version), headerVersion);
            handler.fail(new ChannelRequestContext(connection, pending, version, header.clientId(), null), null, ErrorCode.UNSUPPORTED_VERSION);
            return;
        }
        Q request;
        try {
            request = (Q) key.readRequest(reader, version);
        } catch (MalformedMessageException | UnsupportedVersionException e) {
            frame.release();
            connection.close("its " + key.apiName() + " request could not be read (" + e.getMessage() + ")");
            return;
        }
        PendingResponse pending = connection.enqueue(header.correlationId(), key, version, headerVersion);
        ByteBuf requestBytes = frame;
        if (!key.requestHasRecords()) {
            // Nothing decoded refers to the frame: free it now, not when the response is sent.
            frame.release();
            requestBytes = null;
        }
        ChannelRequestContext context = new ChannelRequestContext(connection, pending, version, header.clientId(), requestBytes);
        if (version < handler.minVersion() || version > handler.maxVersion()) {
            handler.fail(context, request, ErrorCode.UNSUPPORTED_VERSION);
            return;
        }
        try {
            handler.handle(context, request);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, key.apiName() + " request from client " + header.clientId() + " failed.", e);
            if (!context.isFinished()) {
                handler.fail(context, request, ErrorCode.UNKNOWN_SERVER_ERROR);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            connection.close(Level.DEBUG, "it was idle for longer than connections.max.idle.ms");
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            connection.close("its bytes do not frame as requests (" + cause.getMessage() + ")");
        } else if (cause instanceof IOException) {
            LOG.log(Level.DEBUG, "Connection from {0} failed: {1}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
        } else {
            LOG.log(Level.ERROR, "Unexpected failure on the connection from " + ctx.channel().remoteAddress() + ".", cause);
            connection.close("of an unexpected failure");
        }
    }
}
