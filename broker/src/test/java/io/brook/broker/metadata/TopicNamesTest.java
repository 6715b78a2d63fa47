package io.brook.broker.metadata;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void kafkasLegalNamesPass() {
        assertNull(TopicNames.validate("orders"));
        assertNull(TopicNames.validate("a.b_c-D9"));
        assertNull(TopicNames.validate("x".repeat(TopicNames.MAX_LENGTH)));
    }

    @Test
    void illegalNamesAreRejectedWithAReason() {
        assertNotNull(TopicNames.validate(""));
        assertNotNull(TopicNames.validate(null));
        assertNotNull(TopicNames.validate("."));
        assertNotNull(TopicNames.validate(".."));
        assertNotNull(TopicNames.validate("x".repeat(TopicNames.MAX_LENGTH + 1)));
        assertNotNull(TopicNames.validate("with space"));
        assertNotNull(TopicNames.validate("slash/name"));
        assertNotNull(TopicNames.validate("ünicode"));
    }
}
