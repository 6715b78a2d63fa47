package io.brook.broker.handler;

import io.brook.broker.metadata.TopicRegistry;
import io.brook.ringbuffer.AppendPipeline;

/**
 * What a produce request needs to reach the logs: topics, their auto-creation, the append
 * pipeline, the fetches to wake when data arrives, and how far a compressed batch may expand
 * ({@code compression.max.decompressed.batch.bytes}).
 */
record ProduceServices(TopicRegistry topics, AutoTopicCreation autoCreation, ControlPlane controlPlane,
                       AppendPipeline pipeline, FetchWaiters fetchWaiters, int maxDecompressedBatchBytes) {
}
