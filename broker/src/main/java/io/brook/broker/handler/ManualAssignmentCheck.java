package io.brook.broker.handler;

import java.util.ArrayList;
import java.util.List;

/**
 * Kafka's checks of the replica list a client chose for one new partition, with Kafka's messages,
 * on a cluster whose only broker is this one: the list must not be empty and must name registered
 * brokers, each once. Kafka also requires as many replicas as the topic's other partitions have;
 * here every partition has one, and a list that passes these checks is exactly this broker.
 * Stateless.
 */
final class ManualAssignmentCheck {
    private ManualAssignmentCheck() {
    }

    /** Why {@code brokerIds} cannot be a new partition's replicas, or null when they can. */
    static String problem(List<Integer> brokerIds, int nodeId) {
        if (brokerIds.isEmpty()) {
            return "The manual partition assignment includes an empty replica list.";
        }
        // Kafka walks the ids in order, so of an unknown broker and a repeated one, the lower id is
        // reported.
        List<Integer> sorted = new ArrayList<>(brokerIds);
        sorted.sort(Integer::compare);
        Integer previous = null;
        for (Integer brokerId : sorted) {
            if (brokerId != nodeId) {
                return "The manual partition assignment includes broker " + brokerId + ", but no such broker is registered.";
            }
            if (brokerId.equals(previous)) {
                return "The manual partition assignment includes the broker " + brokerId + " more than once.";
            }
            previous = brokerId;
        }
        return null;
    }
}
