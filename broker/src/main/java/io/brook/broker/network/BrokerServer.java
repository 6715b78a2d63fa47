package io.brook.broker.network;

import io.brook.broker.config.Listener;
import io.brook.broker.handler.ApiHandlerRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The listener: one acceptor thread and {@code num.network.threads} event loops. It binds without
 * accepting, so that the caller can learn the bound port (listeners with port 0) and publish it
 * before the first client arrives; {@link #startAccepting} opens the door.
 */
public final class BrokerServer implements AutoCloseable {
    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup networkGroup;
    private final Channel serverChannel;

    private BrokerServer(EventLoopGroup acceptorGroup, EventLoopGroup networkGroup, Channel serverChannel) {
        this.acceptorGroup = acceptorGroup;
        this.networkGroup = networkGroup;
        this.serverChannel = serverChannel;
    }

    public static BrokerServer bind(Listener listener, ApiHandlerRegistry registry, int networkThreads, int maxFrameBytes,
                                    int maxInFlightRequests, long connectionsMaxIdleMs) throws InterruptedException {
        EventLoopGroup acceptorGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("network-acceptor"),
                NioIoHandler.newFactory());
        EventLoopGroup networkGroup = new MultiThreadIoEventLoopGroup(networkThreads, new DefaultThreadFactory("network"),
                NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptorGroup, networkGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new BrokerChannelInitializer(registry, maxFrameBytes, maxInFlightRequests, connectionsMaxIdleMs));
            InetSocketAddress address = listener.host().isEmpty()
                    ? new InetSocketAddress(listener.port())
                    : new InetSocketAddress(listener.host(), listener.port());
            Channel channel = bootstrap.bind(address).sync().channel();
            return new BrokerServer(acceptorGroup, networkGroup, channel);
        } catch (InterruptedException | RuntimeException e) {
            acceptorGroup.shutdownGracefully();
            networkGroup.shutdownGracefully();
            throw e;
        }
    }

    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public void startAccepting() {
        serverChannel.config().setAutoRead(true);
    }

    /** Stops accepting, closes every connection, and waits for the event loops to finish. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        acceptorGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        networkGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
