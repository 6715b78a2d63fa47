package io.brook.broker.handler;

import io.brook.broker.metadata.TopicRegistry;
import io.brook.ringbuffer.AppendPipeline;

/**
 * What a produce request needs to reach the logs: topics, their auto-creation, the append
 * pipeline, and the fetches to wake when data arrives.
 */
record ProduceServices(TopicRegistry topics, AutoTopicCreation autoCreation, ControlPlane controlPlane,
                       AppendPipeline pipeline, FetchWaiters fetchWaiters) {
}
