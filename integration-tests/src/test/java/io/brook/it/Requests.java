package io.brook.it;

import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.FetchRequest.FetchPartition;
import io.brook.protocol.message.FetchRequest.FetchTopic;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.ListOffsetsRequest;
import io.brook.protocol.message.ListOffsetsRequest.ListOffsetsPartition;
import io.brook.protocol.message.ListOffsetsRequest.ListOffsetsTopic;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceRequest.PartitionProduceData;
import io.brook.protocol.message.ProduceRequest.TopicProduceData;
import io.brook.protocol.wire.RecordSet;
import java.util.List;

/** Small, valid requests for raw-protocol tests. */
final class Requests {
    static final long LATEST = -1;
    static final long EARLIEST = -2;

    private Requests() {
    }

    static ProduceRequest produce(String topic, int partition, short acks, RecordSet records) {
        return new ProduceRequest().setAcks(acks).setTimeoutMs(30_000).setTopicData(List.of(
                new TopicProduceData().setName(topic).setPartitionData(List.of(
                        new PartitionProduceData().setIndex(partition).setRecords(records)))));
    }

    static FetchRequest fetch(String topic, int partition, long offset) {
        return new FetchRequest().setMaxWaitMs(0).setMinBytes(0).setMaxBytes(1 << 20).setTopics(List.of(
                new FetchTopic().setTopic(topic).setPartitions(List.of(
                        new FetchPartition().setPartition(partition).setFetchOffset(offset).setPartitionMaxBytes(1 << 20)))));
    }

    static ListOffsetsRequest listOffsets(String topic, int partition, long timestamp) {
        return new ListOffsetsRequest().setReplicaId(-1).setTopics(List.of(
                new ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsPartition().setPartitionIndex(partition).setTimestamp(timestamp)))));
    }

    static MetadataRequest metadata(String... topics) {
        return new MetadataRequest().setTopics(java.util.Arrays.stream(topics)
                .map(name -> new MetadataRequestTopic().setName(name)).toList());
    }

    static InitProducerIdRequest initProducerId() {
        return new InitProducerIdRequest().setTransactionalId(null).setTransactionTimeoutMs(60_000);
    }
}
