package io.brook.broker.handler;

import io.brook.broker.metadata.TopicRegistry;
import io.brook.ringbuffer.AppendPipeline;

/** What a produce request needs to reach the logs: topics, their auto-creation, and the append pipeline. */
record ProduceServices(TopicRegistry topics, AutoTopicCreation autoCreation, ControlPlane controlPlane,
                       AppendPipeline pipeline) {
}
