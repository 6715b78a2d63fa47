package io.brook.protocol.header;

import io.brook.protocol.message.ApiKey;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;

/**
 * The header that starts every response: {@code correlation_id int32}, plus a tagged-field section
 * in version 1, which flexible API versions use.
 */
public final class ResponseHeader {
    private ResponseHeader() {
    }

    /**
     * The header version of a response to {@code apiKey} at {@code apiVersion}. ApiVersions responses
     * always use version 0: a client must be able to read our answer before it knows which versions
     * we speak (KIP-511).
     */
    public static short version(ApiKey apiKey, short apiVersion) {
        if (apiKey == ApiKey.API_VERSIONS) {
            return 0;
        }
        return apiKey.isFlexible(apiVersion) ? (short) 1 : (short) 0;
    }

    public static void write(WireWriter writer, int correlationId, short headerVersion) {
        writer.writeInt(correlationId);
        if (headerVersion >= 1) {
            writer.writeUnsignedVarint(0);
        }
    }

    /** Reads a header and returns its correlation id. */
    public static int read(WireReader reader, short headerVersion) {
        int correlationId = reader.readInt();
        if (headerVersion >= 1) {
            reader.skipTaggedFields();
        }
        return correlationId;
    }
}
