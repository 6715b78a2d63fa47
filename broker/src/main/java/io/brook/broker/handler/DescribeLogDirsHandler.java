package io.brook.broker.handler;

import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DescribeLogDirsRequest;
import io.brook.protocol.message.DescribeLogDirsRequest.DescribableLogDirTopic;
import io.brook.protocol.message.DescribeLogDirsResponse;
import io.brook.protocol.message.DescribeLogDirsResponse.DescribeLogDirsPartition;
import io.brook.protocol.message.DescribeLogDirsResponse.DescribeLogDirsResult;
import io.brook.protocol.message.DescribeLogDirsResponse.DescribeLogDirsTopic;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DescribeLogDirs (key 35), versions 1-5. Behaviour: the one log directory ({@code log.dirs}), by
 * its absolute path, with the requested partitions it holds (null topics: all of them) and the
 * bytes of each one's segments. Requested partitions that do not exist are left out, as Kafka does.
 * The offset lag is 0: on one node the high watermark is the log end offset. Runs on the control
 * plane, since asking the file system for the volume's size is disk I/O.
 * Version notes: version 3 adds a top-level error code; version 4 the total and usable bytes of
 * the directory's volume; version 5 whether the directory is cordoned (never, here).
 */
public final class DescribeLogDirsHandler implements ApiHandler<DescribeLogDirsRequest> {
    /** The log end offset is the high watermark of a partition with no followers. */
    private static final long NO_OFFSET_LAG = 0;

    private final TopicRegistry topics;
    private final ControlPlane controlPlane;
    private final Path logDirectory;

    public DescribeLogDirsHandler(TopicRegistry topics, ControlPlane controlPlane, Path logDirectory) {
        this.topics = topics;
        this.controlPlane = controlPlane;
        this.logDirectory = logDirectory.toAbsolutePath().normalize();
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_LOG_DIRS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public void handle(RequestContext context, DescribeLogDirsRequest request) {
        controlPlane.submit(context, this, request, this::describe);
    }

    private DescribeLogDirsResponse describe(DescribeLogDirsRequest request) throws IOException {
        FileStore volume = Files.getFileStore(logDirectory);
        DescribeLogDirsResult directory = new DescribeLogDirsResult()
                .setErrorCode(ErrorCode.NONE.code())
                .setLogDir(logDirectory.toString())
                .setTopics(describeTopics(requestedPartitions(request.topics())))
                .setTotalBytes(volume.getTotalSpace())
                .setUsableBytes(volume.getUsableSpace())
                .setIsCordoned(false);
        return new DescribeLogDirsResponse().setErrorCode(ErrorCode.NONE.code()).setResults(List.of(directory));
    }

    /** The requested partition numbers by topic name, a topic named twice getting both lists; null for all partitions. */
    private static Map<String, Set<Integer>> requestedPartitions(List<DescribableLogDirTopic> requested) {
        if (requested == null) {
            return null;
        }
        Map<String, Set<Integer>> partitions = new HashMap<>();
        for (DescribableLogDirTopic topic : requested) {
            partitions.computeIfAbsent(topic.topic(), name -> new HashSet<>()).addAll(topic.partitions());
        }
        return partitions;
    }

    /** The topics holding a requested partition, in name order, each with those partitions in order. */
    private List<DescribeLogDirsTopic> describeTopics(Map<String, Set<Integer>> requested) {
        List<DescribeLogDirsTopic> described = new ArrayList<>();
        for (Topic topic : topics.all()) {
            Set<Integer> wanted = requested == null ? null : requested.get(topic.name());
            if (requested != null && wanted == null) {
                continue;
            }
            List<DescribeLogDirsPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < topic.partitionCount(); partition++) {
                if (wanted == null || wanted.contains(partition)) {
                    partitions.add(new DescribeLogDirsPartition()
                            .setPartitionIndex(partition)
                            .setPartitionSize(topic.partition(partition).sizeInBytes())
                            .setOffsetLag(NO_OFFSET_LAG)
                            .setIsFutureKey(false));
                }
            }
            if (!partitions.isEmpty()) {
                described.add(new DescribeLogDirsTopic().setName(topic.name()).setPartitions(partitions));
            }
        }
        return described;
    }

    /** The error at the top level (version 3 on); earlier versions have nowhere to put it and list no directory. */
    @Override
    public ApiMessage errorResponse(DescribeLogDirsRequest request, ErrorCode error) {
        return new DescribeLogDirsResponse().setErrorCode(error.code());
    }
}
