package io.brook.it;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on one loopback port in front of a broker that comes and goes. Clients keep one
 * address across restarts (the broker advertises the relay's port) while each run of the broker
 * binds a port of its own. While the broker is down the relay accepts connections and closes them
 * at once, as a refused connection would be.
 *
 * <p>The relay can also hold back everything brokers send: requests still reach the broker and it
 * keeps appending, but its responses stay in the relay until the broker is killed and they are
 * dropped with the connections. That leaves batches that were written but never acknowledged, the
 * case a crash only rarely hits on its own: on loopback a response leaves microseconds after its
 * append.
 *
 * <p>Thread-safe: an acceptor thread and two pump threads per connection; the test's thread
 * switches the state, which {@code lock} guards.
 */
final class TcpRelay implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int ACCEPT_BACKLOG = 50;

    private final ServerSocket server;
    private final Thread acceptor;
    private final Object lock = new Object();
    private final List<Socket> sockets = new ArrayList<>();
    /** The broker's port; 0 while it is down. */
    private int upstreamPort;
    /** Bumped when the broker goes away; the connections of older generations are closed and their held bytes dropped. */
    private long generation;
    private boolean holding;

    private TcpRelay(ServerSocket server) {
        this.server = server;
        acceptor = new Thread(this::acceptLoop, "relay-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free loopback port, with no broker behind it yet. */
    static TcpRelay open() throws IOException {
        return new TcpRelay(new ServerSocket(0, ACCEPT_BACKLOG, InetAddress.getLoopbackAddress()));
    }

    /** The port clients connect to, the same for the relay's whole life. */
    int port() {
        return server.getLocalPort();
    }

    /** Relays new connections to the broker listening on {@code brokerPort}. */
    void connectTo(int brokerPort) {
        synchronized (lock) {
            upstreamPort = brokerPort;
        }
    }

    /** Stops passing on what the broker sends, on every connection, until {@link #disconnect()} drops it. */
    void holdResponses() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** The broker is gone: closes every connection, dropping whatever was held, and refuses new ones until {@link #connectTo}. */
    void disconnect() {
        synchronized (lock) {
            upstreamPort = 0;
            holding = false;
            generation++;
            for (Socket socket : sockets) {
                closeQuietly(socket);
            }
            sockets.clear();
            lock.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            relay(client);
        }
    }

    private void relay(Socket client) {
        int port;
        long connectionGeneration;
        synchronized (lock) {
            port = upstreamPort;
            connectionGeneration = generation;
        }
        if (port == 0) {
            closeQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        synchronized (lock) {
            if (generation != connectionGeneration) {
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            sockets.add(client);
            sockets.add(upstream);
        }
        startPump(client, upstream, false, connectionGeneration, "relay-requests");
        startPump(upstream, client, true, connectionGeneration, "relay-responses");
    }

    private void startPump(Socket from, Socket to, boolean holdable, long connectionGeneration, String name) {
        Thread pump = new Thread(() -> pump(from, to, holdable, connectionGeneration), name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(Socket from, Socket to, boolean holdable, long connectionGeneration) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (holdable && !awaitRelease(connectionGeneration)) {
                    return;
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | InterruptedException e) {
            // One end closed or reset the connection; closing both ends tells the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Waits while responses are held; false when the connection's broker has gone and what it sent is to be dropped. */
    private boolean awaitRelease(long connectionGeneration) throws InterruptedException {
        synchronized (lock) {
            while (holding && generation == connectionGeneration) {
                lock.wait();
            }
            return generation == connectionGeneration;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closeQuietly(server);
        disconnect();
        acceptor.join();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing is all that is wanted; a socket that fails to close is gone anyway.
        }
    }
}
