package io.brook.ringbuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.TopicPartition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A partition always maps to the same shard, and every shard index is in range. */
class PartitionShardTest {
    /** Its String.hashCode() is Integer.MIN_VALUE, the value most likely to break a modulo. */
    private static final String MIN_HASH_TOPIC = "polygenelubricants";
    private static final List<String> TOPICS = List.of("orders", "payments", "", "a", MIN_HASH_TOPIC, "x".repeat(200));

    @Test
    void shardIsInRangeForEveryPartitionAndShardCount() {
        assertEquals(Integer.MIN_VALUE, MIN_HASH_TOPIC.hashCode());
        for (String topic : TOPICS) {
            for (int partition = 0; partition < 100; partition++) {
                for (int shardCount = 1; shardCount <= 16; shardCount++) {
                    int shard = PartitionShard.of(new TopicPartition(topic, partition), shardCount);
                    assertTrue(shard >= 0, "shard " + shard + " of " + topic + "-" + partition);
                    assertTrue(shard < shardCount, "shard " + shard + " of " + shardCount);
                }
            }
        }
    }

    @Test
    void largestPartitionNumberMapsInRange() {
        int shard = PartitionShard.of(new TopicPartition(MIN_HASH_TOPIC, Integer.MAX_VALUE), 7);
        assertTrue(shard >= 0);
        assertTrue(shard < 7);
    }

    @Test
    void equalPartitionsMapToTheSameShard() {
        for (String topic : TOPICS) {
            for (int partition = 0; partition < 50; partition++) {
                int first = PartitionShard.of(new TopicPartition(topic, partition), 5);
                int again = PartitionShard.of(new TopicPartition(new String(topic.toCharArray()), partition), 5);
                assertEquals(first, again, topic + "-" + partition);
            }
        }
    }

    @Test
    void consecutivePartitionsOfOneTopicUseEveryShard() {
        int shardCount = 4;
        Set<Integer> used = new HashSet<>();
        for (int partition = 0; partition < shardCount; partition++) {
            used.add(PartitionShard.of(new TopicPartition("orders", partition), shardCount));
        }
        assertEquals(shardCount, used.size());
    }

    @Test
    void oneShardTakesEveryPartition() {
        for (String topic : TOPICS) {
            assertEquals(0, PartitionShard.of(new TopicPartition(topic, 3), 1));
        }
    }
}
