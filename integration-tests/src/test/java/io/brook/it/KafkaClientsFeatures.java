package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.broker.config.BrokerConfig;
import io.brook.compression.CompressionType;
import io.brook.it.clients.ClientFeatures;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kafka-clients cells of the client compatibility matrix (README.md, from compat-matrix.csv):
 * one test per feature, each running a workload of {@link ClientFeatures} with one generation of
 * kafka-clients, in the class loader a subclass gives. Where the client's view is not enough, the
 * test also reads what the broker stored: the codec of every batch, and the idempotent producer's
 * ids and sequences.
 *
 * <p>Each subclass gets a broker of its own. Clients reach it through a {@link TcpRelay} that it
 * advertises, so that the idempotent producer's test can drop their connections while the broker
 * has written batches whose responses were held back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KafkaClientsFeatures {
    private static final int RECORDS_PER_CODEC = 10_000;
    private static final int PRODUCE_PARTITIONS = 3;
    private static final int IDEMPOTENT_RECORDS = 4_000;
    private static final long AWAIT_WRITE_MS = 30_000;
    private static final long AWAIT_WRITE_POLL_MS = 10;

    private final TcpRelay relay = openRelay();

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension()
            .with(BrokerConfig.ADVERTISED_LISTENERS, "PLAINTEXT://127.0.0.1:" + relay.port());

    /** The class loader that holds the generation's kafka-clients and this module's test classes. */
    abstract ClassLoader clients();

    /** How the generation's version starts, e.g. {@code "3.9."}. */
    abstract String versionPrefix();

    @BeforeAll
    void relayToTheBroker() {
        relay.connectTo(broker.boundPort());
    }

    @AfterAll
    void closeRelay() throws InterruptedException {
        relay.close();
    }

    @Test
    void metadata() throws Throwable {
        runFeature("metadata", bootstrapServers(), "metadata");
    }

    @Test
    void produceUncompressed() throws Throwable {
        produceWith(CompressionType.NONE);
    }

    @Test
    void produceGzip() throws Throwable {
        produceWith(CompressionType.GZIP);
    }

    @Test
    void produceSnappy() throws Throwable {
        produceWith(CompressionType.SNAPPY);
    }

    @Test
    void produceLz4() throws Throwable {
        produceWith(CompressionType.LZ4);
    }

    @Test
    void produceZstd() throws Throwable {
        produceWith(CompressionType.ZSTD);
    }

    @Test
    void consumeFromTheBeginning() throws Throwable {
        runFeature("consumeFromTheBeginning", bootstrapServers(), "from-the-beginning", "from-the-beginning-group");
    }

    @Test
    void consumerGroupWithCommits() throws Throwable {
        runFeature("consumerGroup", bootstrapServers(), "grouped", "two-consumers");
    }

    @Test
    void idempotentProducerRetriesAreStoredOnce() throws Throwable {
        String topic = "idempotent";
        long[] endWhenHeld = new long[1];
        Runnable holdResponses = () -> {
            endWhenHeld[0] = logEndOffset(topic);
            relay.holdResponses();
        };
        Runnable dropConnections = () -> {
            awaitWrittenPast(topic, endWhenHeld[0]);
            relay.disconnect();
            relay.connectTo(broker.boundPort());
        };
        runFeature("idempotentProducer", bootstrapServers(), topic, holdResponses, dropConnections);

        List<StoredBatch> batches = storedBatches(topic, 1);
        assertEquals(1, batches.stream().map(StoredBatch::producerId).distinct().count(), "one producer id: " + batches);
        assertTrue(batches.get(0).producerId() >= 0, "the batches carry the producer's id: " + batches);
        int nextSequence = 0;
        for (StoredBatch batch : batches) {
            assertEquals(nextSequence, batch.baseSequence(), "each batch is stored once, in sequence: " + batches);
            nextSequence = batch.lastSequence() + 1;
        }
        assertEquals(IDEMPOTENT_RECORDS, nextSequence, "every record is stored once");
    }

    @Test
    void adminClient() throws Throwable {
        runFeature("adminClient", bootstrapServers(), "admin");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + relay.port();
    }

    private void produceWith(CompressionType codec) throws Throwable {
        String topic = "produce-" + codec.configName();
        runFeature("produce", bootstrapServers(), topic, codec.configName(), RECORDS_PER_CODEC);
        Set<Integer> storedCodecs = storedBatches(topic, PRODUCE_PARTITIONS).stream()
                .map(StoredBatch::compressionId).collect(Collectors.toSet());
        assertEquals(Set.of(codec.id()), storedCodecs, "every batch is stored as the client compressed it");
    }

    /** Runs {@link ClientFeatures}{@code .<feature>} with this generation's client and checks its version. */
    private void runFeature(String feature, Object... arguments) throws Throwable {
        String version = (String) invoke(ClientFeatures.class.getName(), feature, arguments);
        assertTrue(version.startsWith(versionPrefix()), "client version " + version);
    }

    /**
     * Calls the public static method {@code method} of {@code className} as loaded by
     * {@link #clients()}, with that loader as the thread's context loader (the client loads its
     * plug-ins, such as serializers and assignors, through it), and rethrows what it throws.
     */
    Object invoke(String className, String method, Object... arguments) throws Throwable {
        Class<?> type = Class.forName(className, true, clients());
        Method found = Arrays.stream(type.getMethods())
                .filter(candidate -> candidate.getName().equals(method) && candidate.getParameterCount() == arguments.length)
                .findFirst().orElseThrow(() -> new AssertionError("no method " + className + "." + method));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(clients());
        try {
            return found.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The log end offset of partition 0, asked of the broker directly, not through the relay. */
    private long logEndOffset(String topic) {
        try (WireClient client = new WireClient(broker.boundPort())) {
            ListOffsetsResponse response = client.call(ApiKey.LIST_OFFSETS, (short) 7,
                    Requests.listOffsets(topic, 0, Requests.LATEST), ListOffsetsResponse.class);
            var answer = response.topics().get(0).partitions().get(0);
            assertEquals(ErrorCode.NONE.code(), answer.errorCode(), "ListOffsets error");
            return answer.offset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the broker has written past {@code offset}: some batch whose response the relay holds. */
    private void awaitWrittenPast(String topic, long offset) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_WRITE_MS);
        while (logEndOffset(topic) <= offset) {
            assertTrue(System.nanoTime() - deadlineNs < 0, "nothing was written while responses were held");
            try {
                Thread.sleep(AWAIT_WRITE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the broker stored for {@code topic}: every batch of every partition, in offset order per partition. */
    private List<StoredBatch> storedBatches(String topic, int partitionCount) throws IOException {
        List<StoredBatch> batches = new ArrayList<>();
        for (int partition = 0; partition < partitionCount; partition++) {
            List<Path> logs;
            try (Stream<Path> files = Files.list(broker.dataDirectory().resolve(topic + "-" + partition))) {
                logs = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
            }
            for (Path log : logs) {
                ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(log));
                RecordBatchView view = new RecordBatchView();
                for (int position = 0; position < bytes.readableBytes(); position += view.sizeInBytes()) {
                    view.wrap(bytes, position);
                    batches.add(new StoredBatch(view.compressionId(), view.producerId(), view.baseSequence(), view.lastSequence()));
                }
            }
        }
        assertTrue(!batches.isEmpty(), "the broker stored batches for " + topic);
        return batches;
    }

    private static TcpRelay openRelay() {
        try {
            return TcpRelay.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record StoredBatch(int compressionId, long producerId, int baseSequence, int lastSequence) {
    }
}
