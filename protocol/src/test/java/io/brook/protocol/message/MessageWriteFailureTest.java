package io.brook.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.testing.TrackingAllocator;
import io.brook.protocol.wire.WireWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A write that fails half-way leaves nothing allocated once the caller releases its writer. */
class MessageWriteFailureTest {
    private static final short FIRST_VERSION_WITH_NODE_ENDPOINTS = 10;

    @Test
    void failureInsideTaggedFieldReleasesItsScratchBuffer() {
        ProduceResponse response = new ProduceResponse()
                .setNodeEndpoints(List.of(new ProduceResponse.NodeEndpoint().setHost(null)));
        TrackingAllocator allocator = new TrackingAllocator();
        WireWriter writer = new WireWriter(allocator);

        assertThrows(IllegalArgumentException.class, () -> response.write(writer, FIRST_VERSION_WITH_NODE_ENDPOINTS));
        writer.release();

        assertTrue(allocator.allocatedCount() > 1, "the tagged field was written into a scratch buffer");
        assertEquals(List.of(), allocator.unreleased());
    }

    @Test
    void failureInsideRegularFieldLeavesOnlyTheWritersBuffersToRelease() {
        MetadataResponse response = new MetadataResponse()
                .setBrokers(List.of(new MetadataResponse.MetadataResponseBroker().setHost(null)));
        TrackingAllocator allocator = new TrackingAllocator();
        WireWriter writer = new WireWriter(allocator);

        assertThrows(IllegalArgumentException.class, () -> response.write(writer, (short) 12));
        writer.release();

        assertEquals(List.of(), allocator.unreleased());
    }
}
