package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceRequest.PartitionProduceData;
import io.brook.protocol.message.ProduceRequest.TopicProduceData;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.wire.ByteBufRecords;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Produce requests pipelined on one connection are appended in request order, as with Kafka's
 * muted channels, even when a ring is full or an earlier request waits for its topic to be created;
 * acks=0 requests get no response at all.
 */
class ProduceOrderingIT {
    private static final short PRODUCE_VERSION = 9;
    private static final short ACKS_LEADER = 1;
    private static final short ACKS_NONE = 0;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension()
            .with("num.append.threads", "1")
            .with("append.ring.buffer.size", "2");

    @Test
    void pipelinedBatchesForOnePartitionAreAppendedInRequestOrderThroughATinyRing() throws Exception {
        int requests = 300;
        try (WireClient client = new WireClient(broker.port())) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < requests; i++) {
                all.write(WireClient.frame(ApiKey.PRODUCE, PRODUCE_VERSION, i, Requests.produce("ordered", 0, ACKS_LEADER, TestBatches.plain(1))));
            }
            client.sendRaw(all.toByteArray());
            for (int i = 0; i < requests; i++) {
                WireClient.Response response = client.receive(ApiKey.PRODUCE, PRODUCE_VERSION);
                assertEquals(i, response.correlationId());
                var partition = ((ProduceResponse) response.body()).responses().get(0).partitionResponses().get(0);
                assertEquals(ErrorCode.NONE.code(), partition.errorCode());
                assertEquals(i, partition.baseOffset(), "request " + i + " was appended out of order");
            }
        }
    }

    @Test
    void aRequestWaitingForItsTopicToBeCreatedIsNotOvertaken() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            client.call(ApiKey.PRODUCE, PRODUCE_VERSION, Requests.produce("existing", 0, ACKS_LEADER, TestBatches.plain(1)), ProduceResponse.class);
            ProduceRequest createsATopic = new ProduceRequest().setAcks(ACKS_LEADER).setTimeoutMs(30_000).setTopicData(List.of(
                    new TopicProduceData().setName("created-on-the-way").setPartitionData(List.of(
                            new PartitionProduceData().setIndex(0).setRecords(TestBatches.plain(1)))),
                    new TopicProduceData().setName("existing").setPartitionData(List.of(
                            new PartitionProduceData().setIndex(0).setRecords(batchWithValue("first"))))));
            ProduceRequest behindIt = Requests.produce("existing", 0, ACKS_LEADER, batchWithValue("second"));
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(WireClient.frame(ApiKey.PRODUCE, PRODUCE_VERSION, 1, createsATopic));
            both.write(WireClient.frame(ApiKey.PRODUCE, PRODUCE_VERSION, 2, behindIt));
            client.sendRaw(both.toByteArray());
            assertEquals(1, client.receive(ApiKey.PRODUCE, PRODUCE_VERSION).correlationId());
            assertEquals(2, client.receive(ApiKey.PRODUCE, PRODUCE_VERSION).correlationId());
            assertEquals(List.of("value-0", "first", "second"), values(client, "existing"));
        }
    }

    @Test
    void acksZeroProduceGetsNoResponseButIsStored() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(WireClient.frame(ApiKey.PRODUCE, PRODUCE_VERSION, 1, Requests.produce("fire-and-forget", 0, ACKS_NONE, batchWithValue("sent"))));
            both.write(WireClient.frame(ApiKey.METADATA, (short) 12, 2, Requests.metadata("fire-and-forget")));
            client.sendRaw(both.toByteArray());
            assertEquals(2, client.receive(ApiKey.METADATA, (short) 12).correlationId(), "the first response answers the metadata request");
            assertEquals(List.of("sent"), values(client, "fire-and-forget"));
        }
    }

    @Test
    void acksZeroProduceAtAnUnservedVersionClosesTheConnectionInsteadOfAnswering() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            client.send(ApiKey.PRODUCE, (short) 2, 1, Requests.produce("old-client", 0, ACKS_NONE, TestBatches.plain(1)));
            assertTrue(client.isClosedByBroker());
        }
    }

    private static ByteBufRecords batchWithValue(String value) {
        return TestBatches.withValues(value);
    }

    private static List<String> values(WireClient client, String topic) throws Exception {
        FetchResponse response = client.call(ApiKey.FETCH, (short) 12, Requests.fetch(topic, 0, 0), FetchResponse.class);
        ByteBufRecords records = (ByteBufRecords) response.responses().get(0).partitions().get(0).records();
        List<String> values = new ArrayList<>();
        for (Record record : MemoryRecords.readableRecords(records.buffer().nioBuffer()).records()) {
            values.add(new String(Utils.toArray(record.value()), StandardCharsets.UTF_8));
        }
        return values;
    }
}
