package io.brook.broker.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.brook.broker.config.BrokerConfig;
import io.brook.broker.config.TopicConfigs;
import io.brook.broker.handler.ApiHandlerRegistry;
import io.brook.broker.handler.AutoTopicCreation;
import io.brook.broker.handler.ControlPlane;
import io.brook.broker.handler.FetchHandler;
import io.brook.broker.handler.FetchWaiters;
import io.brook.broker.handler.ProduceHandler;
import io.brook.broker.metadata.LeaderEpoch;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.log.LogFileNames;
import io.brook.log.LogManager;
import io.brook.log.TopicPartition;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.header.RequestHeader;
import io.brook.protocol.header.ResponseHeader;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.FetchRequest.FetchPartition;
import io.brook.protocol.message.FetchRequest.FetchTopic;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.FetchResponse.PartitionData;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceRequest.PartitionProduceData;
import io.brook.protocol.message.ProduceRequest.TopicProduceData;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.protocol.testing.TestBatches;
import io.brook.protocol.testing.TestBatches.StoredRecord;
import io.brook.protocol.wire.ByteBufRecords;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.brook.ringbuffer.AppendPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FileRegion;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCounted;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetch on the plaintext path sends record bytes from the segment file as a {@link FileRegion},
 * which the NIO transport moves with {@code FileChannel.transferTo}; the buffers written for the
 * response hold only its framing and fields.
 *
 * <p>How it is shown. A client on a real TCP socket produces batches and fetches them back from
 * the production pipeline ({@link BrokerChannelInitializer}) on Netty's NIO transport, with the
 * real produce and fetch handlers, append pipeline and logs in a temporary directory, wired as
 * {@code Broker} wires them (the fetch handler makes its records with {@code LogSliceRecords::new}).
 * The test's own initializer puts a recorder at the head of each connection's pipeline, where
 * outbound messages go straight to the transport, so it sees exactly what Netty was asked to
 * write, and then lets the production initializer add everything else. For the fetch response the
 * test asserts that
 * <ul>
 *   <li>every record byte went out as a {@link SegmentFileRegion}, one per partition with data,
 *       whose count is that partition's records size, and the transport transferred all of it
 *       ({@code transferred() == count()}, which only {@code transferTo} advances) and released it;</li>
 *   <li>the buffers, taken in write order with the segment file's bytes at each region's position
 *       in between, are exactly the bytes the client received; so the buffers add up to the frame
 *       minus the records, and none of them holds a record byte.</li>
 * </ul>
 *
 * <p>Why this and not a whole {@code Broker}: observing a real broker's writes would need a hook
 * through {@code Broker.start}, {@code BrokerServer.bind} and the initializer that only tests would
 * use. Wrapping the package-private initializer gives the same observation point with no
 * production change. What it leaves out: the listener's bootstrap options and the other handlers,
 * which have no part in how a fetch response is written, and {@code Broker}'s own line passing
 * {@code LogSliceRecords::new} to the fetch handler, which this test repeats rather than reads.
 */
class ZeroCopyFetchTest {
    private static final String TOPIC = "zero-copy";
    /** Partitions 0 and 1 get data; partition 2 stays empty and must cost no region. */
    private static final int PARTITION_COUNT = 3;
    private static final int PARTITIONS_WITH_DATA = 2;
    private static final int BATCHES_PER_PARTITION = 2;
    private static final int RECORDS_PER_BATCH = 50;
    /** Starts every record value with bytes that no field of the response (topic name included) contains. */
    private static final String PAYLOAD_MARKER = "record-payload";
    /** Pads each value so the records dwarf the response's fields, as in real fetches. */
    private static final String VALUE_PADDING = "x".repeat(100);
    private static final short PRODUCE_VERSION = 9;
    private static final short FETCH_VERSION = 12;
    private static final short ACKS_LEADER = 1;
    private static final int PRODUCE_TIMEOUT_MS = 10_000;
    /** Enough for all the test's records, so that every batch comes back in one fetch. */
    private static final int PARTITION_MAX_BYTES = 1 << 20;
    private static final int SIZE_FIELD_BYTES = 4;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final long BASE_TIMESTAMP_MS = 1_700_000_000_000L;

    @TempDir
    Path dataDirectory;

    private final OutboundRecorder recorder = new OutboundRecorder();
    private LogManager logManager;
    private AppendPipeline pipeline;
    private ControlPlane controlPlane;
    private EventLoopGroup eventLoops;
    private Channel serverChannel;
    private Socket client;
    private int nextCorrelationId = 1;

    @BeforeEach
    void start() throws Exception {
        BrokerConfig config = BrokerConfig.from(Map.of(BrokerConfig.LOG_DIRS, dataDirectory.toString()));
        logManager = LogManager.open(config.logDirectory(), config.maintenanceConfig(), Clock.systemUTC());
        pipeline = AppendPipeline.start(1, config.appendRingBufferSize());
        TopicRegistry topics = TopicRegistry.load(logManager, pipeline, new TopicConfigs(config, LeaderEpoch.CURRENT), Map.of());
        topics.create(TOPIC, PARTITION_COUNT);
        controlPlane = new ControlPlane();
        FetchWaiters fetchWaiters = new FetchWaiters();
        ApiHandlerRegistry handlers = new ApiHandlerRegistry(List.of(
                new ProduceHandler(topics, new AutoTopicCreation(topics, false, 1), controlPlane, pipeline, fetchWaiters,
                        config.compressionMaxDecompressedBatchBytes()),
                new FetchHandler(topics, LogSliceRecords::new, config.fetchMaxBytes(), fetchWaiters)));
        BrokerChannelInitializer production = new BrokerChannelInitializer(handlers, config.socketRequestMaxBytes(),
                config.queuedMaxRequests(), config.connectionsMaxIdleMs());

        eventLoops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        // First in the pipeline: the last outbound handler before the socket.
                        channel.pipeline().addLast(recorder);
                        production.initChannel(channel);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();

        client = new Socket();
        client.connect(serverChannel.localAddress(), READ_TIMEOUT_MS);
        client.setSoTimeout(READ_TIMEOUT_MS);
        client.setTcpNoDelay(true);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (logManager != null) {
            logManager.close();
        }
    }

    @Test
    void fetchSendsRecordBytesAsSegmentFileRegionsAndOnlyFieldsAsBuffers() throws Exception {
        List<List<String>> producedValues = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS_WITH_DATA; partition++) {
            producedValues.add(new ArrayList<>());
        }
        for (int batch = 0; batch < BATCHES_PER_PARTITION; batch++) {
            produceOneBatchPerPartition(batch, producedValues);
        }
        recorder.drain();

        byte[] wireBytes = fetchAllPartitionsFromStart();
        FetchResponse response = (FetchResponse) decode(ApiKey.FETCH, FETCH_VERSION, wireBytes);
        List<Written> writes = recorder.drain();

        List<PartitionData> partitions = response.responses().get(0).partitions();
        assertEquals(PARTITION_COUNT, partitions.size(), "partitions in the fetch response");
        List<byte[]> fetchedRecords = new ArrayList<>();
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            PartitionData data = partitions.get(partition);
            assertEquals(ErrorCode.NONE.code(), data.errorCode(), "error code of partition " + partition);
            byte[] records = TestBatches.bytesOf(((ByteBufRecords) data.records()).buffer());
            if (partition < PARTITIONS_WITH_DATA) {
                assertEquals(producedValues.get(partition), valuesIn(records, partition), "values fetched from partition " + partition);
                fetchedRecords.add(records);
            } else {
                assertEquals(0, records.length, "record bytes of the empty partition " + partition);
            }
        }

        List<SegmentFileRegion> regions = regionsIn(writes);
        assertEquals(PARTITIONS_WITH_DATA, regions.size(), "file regions in the fetch response: one per partition with data");
        long recordBytes = 0;
        for (int partition = 0; partition < PARTITIONS_WITH_DATA; partition++) {
            assertEquals(fetchedRecords.get(partition).length, regions.get(partition).count(),
                    "file region count against the record bytes of partition " + partition);
            recordBytes += regions.get(partition).count();
        }
        assertSentInFull(regions);

        assertArrayEquals(wireBytes, reassemble(writes), "buffers and segment file regions, in write order, against the bytes received");
        byte[] bufferBytes = bufferBytesIn(writes);
        assertEquals(wireBytes.length - recordBytes, bufferBytes.length, "buffer bytes: the frame without its records");
        assertFalse(contains(bufferBytes, PAYLOAD_MARKER.getBytes(StandardCharsets.US_ASCII)),
                "a buffer of the fetch response holds record bytes");
    }

    /** Produces batch {@code batch} to every partition with data in one request, and remembers the values sent. */
    private void produceOneBatchPerPartition(int batch, List<List<String>> producedValues) throws IOException {
        List<ByteBuf> batches = new ArrayList<>();
        try {
            List<PartitionProduceData> partitionData = new ArrayList<>();
            for (int partition = 0; partition < PARTITIONS_WITH_DATA; partition++) {
                TestBatches.Builder builder = TestBatches.builder();
                for (int record = 0; record < RECORDS_PER_BATCH; record++) {
                    String value = PAYLOAD_MARKER + "-p" + partition + "-b" + batch + "-r" + record + "-" + VALUE_PADDING;
                    builder.record(null, value, BASE_TIMESTAMP_MS + record);
                    producedValues.get(partition).add(value);
                }
                ByteBuf built = builder.build();
                batches.add(built);
                partitionData.add(new PartitionProduceData().setIndex(partition).setRecords(new ByteBufRecords(built)));
            }
            ProduceRequest request = new ProduceRequest().setAcks(ACKS_LEADER).setTimeoutMs(PRODUCE_TIMEOUT_MS)
                    .setTopicData(List.of(new TopicProduceData().setName(TOPIC).setPartitionData(partitionData)));
            send(ApiKey.PRODUCE, PRODUCE_VERSION, request);
        } finally {
            batches.forEach(ByteBuf::release);
        }
        ProduceResponse response = (ProduceResponse) decode(ApiKey.PRODUCE, PRODUCE_VERSION, receiveFrame());
        for (PartitionProduceResponse partition : response.responses().get(0).partitionResponses()) {
            assertEquals(ErrorCode.NONE.code(), partition.errorCode(), "produce error code of partition " + partition.index());
            assertEquals((long) batch * RECORDS_PER_BATCH, partition.baseOffset(), "base offset in partition " + partition.index());
        }
    }

    /** Fetches every partition from offset 0 without waiting; returns the response exactly as received, size field included. */
    private byte[] fetchAllPartitionsFromStart() throws IOException {
        List<FetchPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITION_COUNT; partition++) {
            partitions.add(new FetchPartition().setPartition(partition).setFetchOffset(0).setPartitionMaxBytes(PARTITION_MAX_BYTES));
        }
        FetchRequest request = new FetchRequest().setMaxWaitMs(0).setMinBytes(1)
                .setTopics(List.of(new FetchTopic().setTopic(TOPIC).setPartitions(partitions)));
        send(ApiKey.FETCH, FETCH_VERSION, request);
        return receiveFrame();
    }

    private void send(ApiKey apiKey, short version, ApiMessage request) throws IOException {
        WireWriter writer = new WireWriter(UnpooledByteBufAllocator.DEFAULT);
        List<ReferenceCounted> parts;
        try {
            writer.writeInt(0);
            new RequestHeader(apiKey.id(), version, nextCorrelationId++, "zero-copy-test").write(writer);
            request.write(writer, version);
            writer.patchFirstInt(writer.sizeInBytes() - SIZE_FIELD_BYTES);
            parts = writer.finish();
        } catch (RuntimeException e) {
            writer.release();
            throw e;
        }
        OutputStream out = client.getOutputStream();
        try {
            for (ReferenceCounted part : parts) {
                ByteBuf buffer = (ByteBuf) part;
                buffer.getBytes(buffer.readerIndex(), out, buffer.readableBytes());
            }
        } finally {
            parts.forEach(ReferenceCounted::release);
        }
        out.flush();
    }

    /** One response frame, size field included. */
    private byte[] receiveFrame() throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        int size = in.readInt();
        byte[] frame = new byte[SIZE_FIELD_BYTES + size];
        ByteBuffer.wrap(frame).putInt(size);
        in.readFully(frame, SIZE_FIELD_BYTES, size);
        return frame;
    }

    /** Decodes a frame as received; the records of the result are views of {@code frame}. */
    private ApiMessage decode(ApiKey apiKey, short version, byte[] frame) {
        WireReader reader = new WireReader(Unpooled.wrappedBuffer(frame, SIZE_FIELD_BYTES, frame.length - SIZE_FIELD_BYTES));
        assertEquals(nextCorrelationId - 1, ResponseHeader.read(reader, ResponseHeader.version(apiKey, version)), "correlation id");
        ApiMessage response = apiKey.readResponse(reader, version);
        assertEquals(0, reader.remaining(), "bytes left after the " + apiKey.apiName() + " response");
        return response;
    }

    private static List<String> valuesIn(byte[] records, int partition) {
        List<String> values = new ArrayList<>();
        long expectedOffset = 0;
        for (StoredRecord record : TestBatches.decode(records)) {
            assertEquals(expectedOffset++, record.offset(), "offset of a record in partition " + partition);
            values.add(record.value());
        }
        return values;
    }

    private static List<SegmentFileRegion> regionsIn(List<Written> writes) {
        List<SegmentFileRegion> regions = new ArrayList<>();
        for (Written write : writes) {
            if (write instanceof WrittenRegion region) {
                regions.add(assertInstanceOf(SegmentFileRegion.class, region.region(), "file region type"));
            }
        }
        return regions;
    }

    /**
     * Netty moved every byte of each region with transferTo (only it advances {@code transferred})
     * and released the region once sent. Read on the event loop, which owns the regions.
     */
    private void assertSentInFull(List<SegmentFileRegion> regions) throws Exception {
        List<RegionState> states = recorder.channel.eventLoop().submit(() -> {
            List<RegionState> read = new ArrayList<>();
            for (SegmentFileRegion region : regions) {
                read.add(new RegionState(region.count(), region.transferred(), region.refCnt()));
            }
            return read;
        }).get(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        for (RegionState state : states) {
            assertEquals(state.count(), state.transferred(), "bytes the transport transferred from a file region");
            assertEquals(0, state.refCnt(), "references left to a sent file region");
        }
    }

    private record RegionState(long count, long transferred, int refCnt) {
    }

    /**
     * The bytes the writes stand for: each buffer's bytes as written, and for the region of the
     * i-th partition with data, that partition's first segment file at the region's position.
     */
    private byte[] reassemble(List<Written> writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int partition = 0;
        for (Written write : writes) {
            if (write instanceof WrittenBuffer buffer) {
                bytes.write(buffer.bytes());
            } else if (write instanceof WrittenRegion written) {
                FileRegion region = written.region();
                Path segment = dataDirectory.resolve(new TopicPartition(TOPIC, partition).directoryName())
                        .resolve(LogFileNames.logFileName(0));
                byte[] file = Files.readAllBytes(segment);
                bytes.write(Arrays.copyOfRange(file, (int) region.position(), (int) (region.position() + region.count())));
                partition++;
            } else {
                throw new AssertionError("the fetch response wrote a " + ((WrittenOther) write).type() + ", neither a buffer nor a file region");
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] bufferBytesIn(List<Written> writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Written write : writes) {
            if (write instanceof WrittenBuffer buffer) {
                bytes.write(buffer.bytes());
            }
        }
        return bytes.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** One message the pipeline handed to the transport. */
    private sealed interface Written permits WrittenBuffer, WrittenRegion, WrittenOther {
    }

    /** A buffer's readable bytes, copied when it was written. */
    private record WrittenBuffer(byte[] bytes) implements Written {
    }

    private record WrittenRegion(FileRegion region) implements Written {
    }

    private record WrittenOther(String type) implements Written {
    }

    /**
     * Records every outbound message and passes it on untouched. At the head of the pipeline it
     * sees what the transport is asked to write, after every other handler.
     */
    @ChannelHandler.Sharable
    private static final class OutboundRecorder extends ChannelOutboundHandlerAdapter {
        private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
        volatile Channel channel;

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            channel = ctx.channel();
            if (message instanceof ByteBuf buffer) {
                written.add(new WrittenBuffer(ByteBufUtil.getBytes(buffer)));
            } else if (message instanceof FileRegion region) {
                written.add(new WrittenRegion(region));
            } else {
                written.add(new WrittenOther(message.getClass().getName()));
            }
            ctx.write(message, promise);
        }

        /** Everything written since the last drain, in write order. */
        List<Written> drain() {
            List<Written> drained = new ArrayList<>();
            for (Written next = written.poll(); next != null; next = written.poll()) {
                drained.add(next);
            }
            return drained;
        }
    }
}
