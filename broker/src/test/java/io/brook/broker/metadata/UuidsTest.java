package io.brook.broker.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void base64MatchesKafkasTextualForm() {
        // Kafka prints the metadata topic id, UUID (0, 1), as AAAAAAAAAAAAAAAAAAAAAQ.
        assertEquals("AAAAAAAAAAAAAAAAAAAAAQ", Uuids.toBase64(new UUID(0L, 1L)));
        assertEquals(new UUID(0L, 1L), Uuids.fromBase64("AAAAAAAAAAAAAAAAAAAAAQ"));
    }

    @Test
    void randomIdsRoundTripAndAreNeverReservedOrDashPrefixed() {
        for (int i = 0; i < 10_000; i++) {
            UUID id = Uuids.random();
            String text = Uuids.toBase64(id);
            assertEquals(22, text.length());
            assertEquals(id, Uuids.fromBase64(text));
            assertFalse(text.startsWith("-"));
            assertNotEquals(Uuids.ZERO, id);
        }
    }
}
