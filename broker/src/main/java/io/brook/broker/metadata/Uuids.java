package io.brook.broker.metadata;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Kafka's textual form of ids (topic ids, the cluster id): the 16 bytes in URL-safe base64
 * without padding, 22 characters.
 */
public final class Uuids {
    public static final UUID ZERO = new UUID(0L, 0L);
    /** Kafka reserves 0 (no id) and 1 (its metadata topic); neither is ever handed out. */
    private static final UUID RESERVED_METADATA_TOPIC_ID = new UUID(0L, 1L);

    private Uuids() {
    }

    /**
     * A random id that is not reserved and whose text does not start with '-', which command-line
     * tools would take for an option (the same rule Kafka follows).
     */
    public static UUID random() {
        while (true) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            UUID id = new UUID(random.nextLong(), random.nextLong());
            if (!id.equals(ZERO) && !id.equals(RESERVED_METADATA_TOPIC_ID) && !toBase64(id).startsWith("-")) {
                return id;
            }
        }
    }

    public static String toBase64(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    public static UUID fromBase64(String text) {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an id is 16 bytes, not " + bytes.length + ": " + text);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
