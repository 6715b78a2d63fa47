package io.brook.broker;

import io.brook.broker.config.BrokerConfig;
import io.brook.broker.config.Listener;
import io.brook.broker.config.TopicConfigs;
import io.brook.broker.group.GroupCoordinator;
import io.brook.broker.group.GroupStore;
import io.brook.broker.group.LogGroupStore;
import io.brook.broker.group.ScheduledCoordinatorExecutor;
import io.brook.broker.handler.AlterConfigsHandler;
import io.brook.broker.handler.ApiHandlerRegistry;
import io.brook.broker.handler.AutoTopicCreation;
import io.brook.broker.handler.ControlPlane;
import io.brook.broker.handler.CreateAclsHandler;
import io.brook.broker.handler.CreatePartitionsHandler;
import io.brook.broker.handler.CreateTopicsHandler;
import io.brook.broker.handler.DeleteAclsHandler;
import io.brook.broker.handler.DeleteGroupsHandler;
import io.brook.broker.handler.DeleteRecordsHandler;
import io.brook.broker.handler.DescribeGroupsHandler;
import io.brook.broker.handler.FindCoordinatorHandler;
import io.brook.broker.handler.HeartbeatHandler;
import io.brook.broker.handler.JoinGroupHandler;
import io.brook.broker.handler.LeaveGroupHandler;
import io.brook.broker.handler.ListGroupsHandler;
import io.brook.broker.handler.OffsetCommitHandler;
import io.brook.broker.handler.OffsetDeleteHandler;
import io.brook.broker.handler.OffsetFetchHandler;
import io.brook.broker.handler.SyncGroupHandler;
import io.brook.broker.handler.DeleteTopicsHandler;
import io.brook.broker.handler.DescribeAclsHandler;
import io.brook.broker.handler.DescribeClusterHandler;
import io.brook.broker.handler.DescribeConfigsHandler;
import io.brook.broker.handler.DescribeLogDirsHandler;
import io.brook.broker.handler.FetchHandler;
import io.brook.broker.handler.FetchWaiters;
import io.brook.broker.handler.IncrementalAlterConfigsHandler;
import io.brook.broker.handler.InitProducerIdHandler;
import io.brook.broker.handler.ListOffsetsHandler;
import io.brook.broker.handler.MetadataHandler;
import io.brook.broker.handler.ProduceHandler;
import io.brook.broker.metadata.AdvertisedAddress;
import io.brook.broker.metadata.ClusterIdentity;
import io.brook.broker.metadata.LeaderEpoch;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.broker.network.BrokerServer;
import io.brook.broker.network.LogSliceRecords;
import io.brook.broker.producer.ProducerIdManager;
import io.brook.log.LogConfig;
import io.brook.log.LogManager;
import io.brook.ringbuffer.AppendPipeline;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The composition root: builds the services in dependency order (data directory, append
 * pipeline, topics and the broker's own logs, group store, control plane, handlers, listener) and
 * stops them in reverse. Stopping closes the connections, drains the append rings so that every
 * accepted batch is written (group records included), and closes the logs.
 */
public final class Broker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broker.class.getName());

    private final LogManager logManager;
    private final AppendPipeline pipeline;
    private final ControlPlane controlPlane;
    private final ScheduledCoordinatorExecutor coordinatorExecutor;
    private final BrokerServer server;
    private final AdvertisedAddress advertisedAddress;

    private Broker(LogManager logManager, AppendPipeline pipeline, ControlPlane controlPlane,
                   ScheduledCoordinatorExecutor coordinatorExecutor, BrokerServer server,
                   AdvertisedAddress advertisedAddress) {
        this.logManager = logManager;
        this.pipeline = pipeline;
        this.controlPlane = controlPlane;
        this.coordinatorExecutor = coordinatorExecutor;
        this.server = server;
        this.advertisedAddress = advertisedAddress;
    }

    public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
        long startNs = System.nanoTime();
        TopicConfigs topicConfigs = new TopicConfigs(config, LeaderEpoch.CURRENT);
        Clock clock = Clock.systemUTC();
        LogManager logManager = LogManager.open(config.logDirectory(), config.maintenanceConfig(), clock);
        AppendPipeline pipeline = null;
        ControlPlane controlPlane = null;
        BrokerServer server = null;
        ScheduledCoordinatorExecutor coordinatorExecutor = null;
        try {
            ClusterIdentity identity = ClusterIdentity.loadOrCreate(config.logDirectory(), config.nodeId());
            ProducerIdManager producerIds = ProducerIdManager.open(config.logDirectory());
            pipeline = AppendPipeline.start(config.numAppendThreads(), config.appendRingBufferSize());
            LogConfig groupLogConfig = LogGroupStore.logConfig(topicConfigs.brokerDefaults(), config.offsetsTopicSegmentBytes());
            TopicRegistry topics = TopicRegistry.load(logManager, pipeline, topicConfigs, Map.of(LogGroupStore.PARTITION, groupLogConfig));
            GroupStore groupStore = LogGroupStore.open(logManager.get(LogGroupStore.PARTITION), pipeline,
                    logManager::checkpointLogStartOffsets, clock, config.offsetsCommitTimeoutMs());
            coordinatorExecutor = new ScheduledCoordinatorExecutor(clock);
            GroupCoordinator coordinator = GroupCoordinator.start(groupStore, config.groupCoordinatorConfig(), coordinatorExecutor);
            coordinator.dropOffsetsOfMissingTopics(name -> topics.get(name) != null);
            logManager.startMaintenance(pipeline::tryExecute);
            controlPlane = new ControlPlane();
            AdvertisedAddress advertisedAddress = new AdvertisedAddress();
            ApiHandlerRegistry handlers = handlers(config, topics, topicConfigs, controlPlane, pipeline, producerIds, identity,
                    advertisedAddress, logManager, coordinator);
            server = BrokerServer.bind(config.listener(), handlers, config.numNetworkThreads(),
                    config.socketRequestMaxBytes(), config.queuedMaxRequests(), config.connectionsMaxIdleMs());
            advertise(config, server.boundAddress(), advertisedAddress);
            Broker broker = new Broker(logManager, pipeline, controlPlane, coordinatorExecutor, server, advertisedAddress);
            server.startAccepting();
            LOG.log(Level.INFO, "Broker {0} of cluster {1} is serving {2} topic(s) from {3} on {4} (advertised as {5}), started in {6} ms.",
                    identity.nodeId(), identity.clusterId(), topics.all().size(), config.logDirectory().toAbsolutePath(),
                    server.boundAddress(), advertisedAddress, (System.nanoTime() - startNs) / 1_000_000);
            return broker;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (coordinatorExecutor != null) {
                coordinatorExecutor.close();
            }
            if (controlPlane != null) {
                controlPlane.close();
            }
            if (pipeline != null) {
                pipeline.close();
            }
            logManager.close();
            throw e;
        }
    }

    /** The handlers of every API. */
    private static ApiHandlerRegistry handlers(BrokerConfig config, TopicRegistry topics, TopicConfigs topicConfigs,
                                               ControlPlane controlPlane, AppendPipeline pipeline, ProducerIdManager producerIds,
                                               ClusterIdentity identity, AdvertisedAddress advertisedAddress,
                                               LogManager logManager, GroupCoordinator coordinator) {
        AutoTopicCreation autoCreation = new AutoTopicCreation(topics, config.autoCreateTopicsEnable(), config.numPartitions());
        FetchWaiters fetchWaiters = new FetchWaiters();
        return new ApiHandlerRegistry(List.of(
                new ProduceHandler(topics, autoCreation, controlPlane, pipeline, fetchWaiters, config.compressionMaxDecompressedBatchBytes()),
                new FetchHandler(topics, LogSliceRecords::new, config.fetchMaxBytes(), fetchWaiters),
                new ListOffsetsHandler(topics, controlPlane),
                new MetadataHandler(topics, autoCreation, controlPlane, identity, advertisedAddress),
                new CreateTopicsHandler(topics, topicConfigs, controlPlane, config.nodeId(), config.numPartitions(),
                        config.defaultReplicationFactor()),
                new DeleteTopicsHandler(topics, controlPlane, config.deleteTopicEnable(), coordinator::topicDeleted),
                new DeleteRecordsHandler(topics, controlPlane, pipeline, logManager::checkpointLogStartOffsets),
                new InitProducerIdHandler(producerIds, controlPlane),
                new DescribeConfigsHandler(topics, topicConfigs, config.nodeId(), config.describe()),
                new AlterConfigsHandler(topics, topicConfigs, controlPlane),
                new IncrementalAlterConfigsHandler(topics, topicConfigs, controlPlane),
                new CreatePartitionsHandler(topics, controlPlane, config.nodeId()),
                new DescribeLogDirsHandler(topics, controlPlane, config.logDirectory()),
                new DescribeClusterHandler(identity, advertisedAddress),
                new DescribeAclsHandler(),
                new CreateAclsHandler(),
                new DeleteAclsHandler(),
                new FindCoordinatorHandler(config.nodeId(), advertisedAddress),
                new JoinGroupHandler(coordinator),
                new SyncGroupHandler(coordinator),
                new HeartbeatHandler(coordinator),
                new LeaveGroupHandler(coordinator),
                new OffsetCommitHandler(coordinator, topics),
                new OffsetFetchHandler(coordinator),
                new OffsetDeleteHandler(coordinator, topics),
                new DescribeGroupsHandler(coordinator),
                new ListGroupsHandler(coordinator),
                new DeleteGroupsHandler(coordinator)));
    }

    /** advertised.listeners if set; else the listener's host (this host's name if it binds all interfaces) and the bound port. */
    private static void advertise(BrokerConfig config, InetSocketAddress bound, AdvertisedAddress advertised) throws UnknownHostException {
        Listener listener = config.advertisedListener();
        if (listener != null) {
            advertised.set(listener.host(), listener.port() == 0 ? bound.getPort() : listener.port());
            return;
        }
        String host = config.listener().host().isEmpty()
                ? InetAddress.getLocalHost().getCanonicalHostName()
                : config.listener().host();
        advertised.set(host, bound.getPort());
    }

    /** The port clients are told to use. */
    public int port() {
        return advertisedAddress.port();
    }

    /** The port the listener is bound to: {@link #port()} unless advertised.listeners names another (a proxy's, say). */
    public int boundPort() {
        return server.boundAddress().getPort();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        LOG.log(Level.INFO, "Shutting down: closing connections, then writing every accepted batch.");
        server.close();
        // The control plane before the coordinator, which hears of its topic deletions; the
        // coordinator before the pipeline, which its pending writes need.
        controlPlane.close();
        coordinatorExecutor.close();
        pipeline.close();
        logManager.close();
        LOG.log(Level.INFO, "Shut down cleanly.");
    }
}
