package io.brook.broker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManualAssignmentCheckTest {
    private static final int NODE_ID = 1;

    @Test
    void thisBrokerAloneIsAValidAssignment() {
        assertNull(ManualAssignmentCheck.problem(List.of(NODE_ID), NODE_ID));
    }

    @Test
    void anEmptyReplicaListIsRefused() {
        assertEquals("The manual partition assignment includes an empty replica list.",
                ManualAssignmentCheck.problem(List.of(), NODE_ID));
    }

    @Test
    void anotherBrokerIsNotRegistered() {
        assertEquals("The manual partition assignment includes broker 2, but no such broker is registered.",
                ManualAssignmentCheck.problem(List.of(NODE_ID, 2), NODE_ID));
    }

    @Test
    void thisBrokerTwiceIsRefused() {
        assertEquals("The manual partition assignment includes the broker 1 more than once.",
                ManualAssignmentCheck.problem(List.of(NODE_ID, NODE_ID), NODE_ID));
    }

    @Test
    void theLowestOffendingIdIsReportedAsKafkaDoes() {
        assertEquals("The manual partition assignment includes broker 0, but no such broker is registered.",
                ManualAssignmentCheck.problem(List.of(NODE_ID, NODE_ID, 0), NODE_ID));
        assertEquals("The manual partition assignment includes the broker 1 more than once.",
                ManualAssignmentCheck.problem(List.of(5, NODE_ID, NODE_ID), NODE_ID));
    }
}
