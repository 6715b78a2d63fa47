package io.brook.broker.metadata;

/**
 * The host and port clients are told to connect to. When the listener binds port 0 the port is
 * known only after binding, so it is set then, before the server accepts its first connection.
 */
public final class AdvertisedAddress {
    private volatile String host;
    private volatile int port = -1;

    public void set(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
