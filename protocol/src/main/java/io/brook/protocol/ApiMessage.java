package io.brook.protocol;

import io.brook.protocol.message.ApiKey;
import io.brook.protocol.wire.WireWriter;

/** A request or response body of one Kafka API, readable and writable at every version its spec defines. */
public interface ApiMessage {
    ApiKey apiKey();

    /** Writes this message at {@code version}; throws UnsupportedVersionException outside the spec's range. */
    void write(WireWriter writer, short version);
}
