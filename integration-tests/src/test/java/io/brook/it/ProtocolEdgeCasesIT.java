package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.CreateTopicsRequest;
import io.brook.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.brook.protocol.message.CreateTopicsResponse;
import io.brook.protocol.message.DeleteTopicsRequest;
import io.brook.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import io.brook.protocol.message.DeleteTopicsResponse;
import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.brook.protocol.message.MetadataResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests real clients rarely send, answered with Kafka's error codes. */
class ProtocolEdgeCasesIT {
    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    @Test
    void fetchOfAnUnknownPartitionIsAnsweredAtOnceNotAfterMaxWait() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            // The client's read timeout (10 s) is far below MaxWaitMs: waiting out the wait fails the call.
            FetchRequest request = Requests.fetch("no-such-topic", 0, 0).setMaxWaitMs(600_000).setMinBytes(1);
            FetchResponse response = client.call(ApiKey.FETCH, (short) 12, request, FetchResponse.class);
            assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), response.responses().get(0).partitions().get(0).errorCode());
        }
    }

    @Test
    void metadataByTopicIdBeforeVersion12IsAnInvalidRequest() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            MetadataRequest byId = new MetadataRequest().setTopics(List.of(new MetadataRequestTopic().setName(null).setTopicId(UUID.randomUUID())));
            MetadataResponse response = client.call(ApiKey.METADATA, (short) 10, byId, MetadataResponse.class);
            assertEquals(ErrorCode.INVALID_REQUEST.code(), response.topics().get(0).errorCode());
            MetadataResponse atTwelve = client.call(ApiKey.METADATA, (short) 12, byId, MetadataResponse.class);
            assertEquals(ErrorCode.UNKNOWN_TOPIC_ID.code(), atTwelve.topics().get(0).errorCode());
        }
    }

    @Test
    void tooManyPartitionsAreInvalidPartitions() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            CreateTopicsRequest request = new CreateTopicsRequest().setTopics(List.of(
                    new CreatableTopic().setName("huge").setNumPartitions(10_001).setReplicationFactor((short) 1)));
            CreateTopicsResponse response = client.call(ApiKey.CREATE_TOPICS, (short) 7, request, CreateTopicsResponse.class);
            assertEquals(ErrorCode.INVALID_PARTITIONS.code(), response.topics().get(0).errorCode());
        }
    }

    @Test
    void deleteTopicsNamingATopicTwiceOrByNameAndIdIsAnInvalidRequest() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            DeleteTopicsRequest twice = new DeleteTopicsRequest().setTopicNames(List.of("twice", "twice"));
            DeleteTopicsResponse response = client.call(ApiKey.DELETE_TOPICS, (short) 5, twice, DeleteTopicsResponse.class);
            assertEquals(List.of(ErrorCode.INVALID_REQUEST.code(), ErrorCode.INVALID_REQUEST.code()),
                    response.responses().stream().map(DeleteTopicsResponse.DeletableTopicResult::errorCode).toList());
            DeleteTopicsRequest both = new DeleteTopicsRequest().setTopics(List.of(new DeleteTopicState().setName("named").setTopicId(UUID.randomUUID())));
            response = client.call(ApiKey.DELETE_TOPICS, (short) 6, both, DeleteTopicsResponse.class);
            assertEquals(ErrorCode.INVALID_REQUEST.code(), response.responses().get(0).errorCode());
        }
    }
}
