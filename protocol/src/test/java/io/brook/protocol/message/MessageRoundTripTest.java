package io.brook.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.generator.ApiSpec;
import io.brook.protocol.generator.MessageSpec;
import io.brook.protocol.testing.TrackingAllocator;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of every spec, at every version: a random instance survives write, read and
 * rewrite unchanged, and Kafka's own generated class reads our bytes and writes exactly the same
 * bytes back: Kafka 4.3's class, or for a version dropped from Kafka 4's specs, Kafka 3.9's. The
 * random values come from a fixed seed per case, printed in every failure.
 */
class MessageRoundTripTest {
    /** Random instances per (message, version); each has its own seed. */
    private static final int INSTANCES_PER_CASE = 10;
    private static final String KAFKA_MESSAGE_PACKAGE = "org.apache.kafka.common.message.";
    /**
     * Versions below the lowest that Kafka 4.3's class declares which it nevertheless reads and writes
     * exactly as we do. Kafka 4 dropped Produce 0-2, Fetch 0-3, ListOffsets 0, CreateTopics 0-1,
     * DeleteTopics 0 and DescribeConfigs 0 from its specs; its generated readers now read the fields
     * of their lowest version unconditionally, and its nested structs throw "Can't read version N", so
     * all other dropped versions are misread or refused (checked: every one of them fails the
     * comparison) and are compared with Kafka 3.9's classes instead. DeleteTopics request v0 is laid
     * out exactly like v1 and has no nested struct, so Kafka 4.3 still reads it.
     */
    private static final Set<String> KAFKA_READS_BELOW_ITS_LOWEST = Set.of("DeleteTopicsRequest v0");

    /** One message of one API at one version. */
    record Case(ApiSpec api, MessageSpec message, short version) {
        long seed(int instance) {
            return (message.className().hashCode() * 1_000L + version) * INSTANCES_PER_CASE + instance;
        }

        @Override
        public String toString() {
            return message.className() + " v" + version;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (ApiSpec api : SpecMessages.specs()) {
            for (MessageSpec message : List.of(api.request(), api.response())) {
                for (short version = api.versions().lowest(); version <= api.versions().highest(); version++) {
                    cases.add(new Case(api, message, version));
                }
            }
        }
        return cases.stream();
    }

    /** The cases whose version Kafka 4.3's class neither declares nor reads: Kafka 3.9 is compared instead. */
    static Stream<Case> casesDroppedByKafka4() {
        return cases().filter(testCase -> {
            Class<?> kafkaClass = kafkaClass(testCase.message());
            return kafkaClass != null && !kafkaReads(kafkaClass, testCase);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void randomMessageSurvivesWriteReadAndRewrite(Case testCase) {
        for (int instance = 0; instance < INSTANCES_PER_CASE; instance++) {
            long seed = testCase.seed(instance);
            ApiMessage original = SpecMessages.randomMessage(testCase.message(), testCase.version(), new Random(seed));
            String context = testCase + " seed=" + seed + " message=" + original;

            byte[] written = SpecMessages.write(original, new WireWriter(PooledByteBufAllocator.DEFAULT), testCase.version());
            WireReader reader = new WireReader(Unpooled.wrappedBuffer(written));
            ApiMessage reread = SpecMessages.read(SpecMessages.messageClass(testCase.message()), reader, testCase.version());

            assertEquals(0, reader.remaining(), () -> "bytes left unread: " + context);
            assertEquals(original, reread, () -> "re-read message differs: " + context);
            assertEquals(original.hashCode(), reread.hashCode(), () -> "equal messages hash differently: " + context);
            TrackingAllocator allocator = new TrackingAllocator();
            byte[] rewritten = SpecMessages.write(reread, new WireWriter(allocator), testCase.version());
            assertArrayEquals(written, rewritten, () -> "rewriting the re-read message changed its bytes: " + context);
            assertEquals(List.of(), allocator.unreleased(), () -> "writer buffers left unreleased: " + context);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kafkaReadsOurBytesAndWritesThemBackIdentically(Case testCase) throws ReflectiveOperationException {
        Class<?> kafkaClass = kafkaClass(testCase.message());
        assumeTrue(kafkaClass != null, () -> "Kafka has no class for " + testCase.message().className());
        assumeTrue(kafkaReads(kafkaClass, testCase),
                () -> testCase + " was dropped from Kafka 4's specs and Kafka 4.3's class cannot read it; Kafka 3.9's is compared instead");
        Constructor<?> kafkaReader = kafkaClass.getConstructor(Readable.class, short.class);
        for (int instance = 0; instance < INSTANCES_PER_CASE; instance++) {
            long seed = testCase.seed(instance);
            ApiMessage original = SpecMessages.randomMessage(testCase.message(), testCase.version(), new Random(seed));
            String context = testCase + " seed=" + seed + " message=" + original;
            byte[] written = SpecMessages.write(original, new WireWriter(PooledByteBufAllocator.DEFAULT), testCase.version());

            ByteBufferAccessor accessor = new ByteBufferAccessor(ByteBuffer.wrap(written));
            Message kafkaMessage = newKafkaMessage(kafkaReader, accessor, testCase.version(), context);
            assertEquals(0, accessor.remaining(), () -> "Kafka left bytes unread: " + context + " kafka=" + kafkaMessage);
            ByteBuffer kafkaBytes = MessageUtil.toByteBufferAccessor(kafkaMessage, testCase.version()).buffer();
            assertArrayEquals(written, MessageUtil.byteBufferToArray(kafkaBytes),
                    () -> "Kafka wrote different bytes: " + context + " kafka=" + kafkaMessage);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesDroppedByKafka4")
    void kafka3ReadsOurBytesOfVersionsDroppedByKafka4AndWritesThemBackIdentically(Case testCase) throws Throwable {
        Class<?> kafka3Class = Kafka3Messages.messageClass(testCase.message().className());
        assertNotNull(kafka3Class, () -> "Kafka 3.9 has no class for " + testCase.message().className());
        assertTrue(Kafka3Messages.lowestSupportedVersion(kafka3Class) <= testCase.version(),
                () -> testCase + " is in neither Kafka 4.3's nor Kafka 3.9's specs");
        for (int instance = 0; instance < INSTANCES_PER_CASE; instance++) {
            long seed = testCase.seed(instance);
            ApiMessage original = SpecMessages.randomMessage(testCase.message(), testCase.version(), new Random(seed));
            String context = testCase + " seed=" + seed + " message=" + original;
            byte[] written = SpecMessages.write(original, new WireWriter(PooledByteBufAllocator.DEFAULT), testCase.version());

            Kafka3Messages.Reread reread;
            try {
                reread = Kafka3Messages.readAndRewrite(kafka3Class, written, testCase.version());
            } catch (Exception e) {
                throw new AssertionError("Kafka 3.9 cannot read or rewrite our bytes: " + context, e);
            }
            assertEquals(0, reread.unreadBytes(), () -> "Kafka 3.9 left bytes unread: " + context + " kafka=" + reread.message());
            assertArrayEquals(written, reread.rewritten(),
                    () -> "Kafka 3.9 wrote different bytes: " + context + " kafka=" + reread.message());
        }
    }

    /** Kafka's generated class for the same message, or null when Kafka has none. */
    private static Class<?> kafkaClass(MessageSpec message) {
        try {
            return Class.forName(KAFKA_MESSAGE_PACKAGE + message.className() + "Data");
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static boolean kafkaReads(Class<?> kafkaClass, Case testCase) {
        short kafkaLowestVersion;
        try {
            kafkaLowestVersion = kafkaClass.getField("LOWEST_SUPPORTED_VERSION").getShort(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (testCase.version() >= kafkaLowestVersion) {
            return true;
        }
        return KAFKA_READS_BELOW_ITS_LOWEST.contains(testCase.toString());
    }

    private static Message newKafkaMessage(Constructor<?> reader, ByteBufferAccessor accessor, short version, String context)
            throws ReflectiveOperationException {
        try {
            return (Message) reader.newInstance(accessor, version);
        } catch (InvocationTargetException e) {
            throw new AssertionError("Kafka cannot read our bytes: " + context, e.getCause());
        }
    }
}
