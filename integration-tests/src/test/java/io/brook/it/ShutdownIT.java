package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.ProduceResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopping the broker while a consumer waits in a long poll closes the connection and leaves no
 * buffer behind (the leak check fails the class otherwise); what was acknowledged is there after
 * the restart.
 */
class ShutdownIT {
    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension();

    @Test
    void stoppingWithAParkedFetchClosesTheConnectionAndKeepsAcknowledgedRecords() throws Exception {
        try (WireClient producer = new WireClient(broker.port()); WireClient consumer = new WireClient(broker.port())) {
            ProduceResponse produced = producer.call(ApiKey.PRODUCE, (short) 9, Requests.produce("parked", 0, (short) -1, TestBatches.plain(3)), ProduceResponse.class);
            assertEquals(ErrorCode.NONE.code(), produced.responses().get(0).partitionResponses().get(0).errorCode());
            FetchRequest waitAtTheEnd = Requests.fetch("parked", 0, 3).setMaxWaitMs(600_000).setMinBytes(1);
            consumer.send(ApiKey.FETCH, (short) 12, 1, waitAtTheEnd);
            // A round trip on the same connection would queue behind the parked fetch; use the producer's to know the broker is up.
            producer.assertStillServing();
            broker.stop();
            assertTrue(consumer.isClosedByBroker());
        }
        broker.start();
        try (WireClient client = new WireClient(broker.port())) {
            var offsets = client.call(ApiKey.LIST_OFFSETS, (short) 7, Requests.listOffsets("parked", 0, Requests.LATEST),
                    io.brook.protocol.message.ListOffsetsResponse.class);
            assertEquals(3, offsets.topics().get(0).partitions().get(0).offset());
        }
    }
}
