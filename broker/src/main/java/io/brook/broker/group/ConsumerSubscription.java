package io.brook.broker.group;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the topics out of a consumer's JoinGroup metadata (Kafka's ConsumerProtocolSubscription:
 * an int16 version, then an int32-counted array of int16-length topic names, in every version),
 * which OffsetDelete and offset expiry need to know which topics a group still consumes.
 */
final class ConsumerSubscription {
    private ConsumerSubscription() {
    }

    /** The topics, or null when the metadata cannot be read as a subscription. */
    static Set<String> topics(byte[] metadata) {
        if (metadata == null) {
            return null;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(metadata);
            short version = buffer.getShort();
            int count = buffer.getInt();
            if (version < 0 || count < 0 || count > buffer.remaining() / Short.BYTES) {
                return null;
            }
            Set<String> topics = new HashSet<>();
            for (int i = 0; i < count; i++) {
                int length = buffer.getShort();
                if (length < 0 || length > buffer.remaining()) {
                    return null;
                }
                byte[] name = new byte[length];
                buffer.get(name);
                topics.add(new String(name, StandardCharsets.UTF_8));
            }
            return topics;
        } catch (BufferUnderflowException e) {
            return null;
        }
    }
}
