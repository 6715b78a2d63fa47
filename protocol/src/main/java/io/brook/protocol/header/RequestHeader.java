package io.brook.protocol.header;

import io.brook.protocol.message.ApiKey;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;

/**
 * The header that starts every request. Version 1 is {@code api_key int16, api_version int16,
 * correlation_id int32, client_id nullable string}; version 2, used by flexible API versions, adds a
 * tagged-field section. The client id keeps its classic int16 length even in version 2, so that
 * any broker can read the header of any ApiVersions request (Kafka's RequestHeader spec).
 *
 * @param apiKey the raw key, which may be one we do not know
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {

    /** Reads the header; the tagged-field section is read when the API version is flexible. */
    public static RequestHeader read(WireReader reader) {
        short apiKey = reader.readShort();
        short apiVersion = reader.readShort();
        int correlationId = reader.readInt();
        String clientId = reader.readNullableString(false);
        RequestHeader header = new RequestHeader(apiKey, apiVersion, correlationId, clientId);
        if (header.isFlexible()) {
            reader.skipTaggedFields();
        }
        return header;
    }

    public void write(WireWriter writer) {
        writer.writeShort(apiKey);
        writer.writeShort(apiVersion);
        writer.writeInt(correlationId);
        writer.writeNullableString(clientId, false);
        if (isFlexible()) {
            writer.writeUnsignedVarint(0);
        }
    }

    /** True for header version 2. A version above the highest we know is flexible when the API's flexible range is open. */
    private boolean isFlexible() {
        ApiKey key = ApiKey.forId(apiKey);
        return key != null && key.isFlexible(apiVersion);
    }
}
