package io.brook.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.generator.ApiSpec;
import io.brook.protocol.generator.FieldSpec;
import io.brook.protocol.generator.FieldType;
import io.brook.protocol.generator.MessageSpec;
import io.brook.protocol.testing.TrackingAllocator;
import io.brook.protocol.wire.ByteBufRecords;
import io.brook.protocol.wire.UnsupportedVersionException;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka's version rules, checked for every field of every spec: a message is read and written only
 * at the versions of its spec, and a field set to a non-default value at a version that cannot
 * carry it is an error unless the spec marks it ignorable, in which case it is silently dropped.
 */
class MessageVersionRulesTest {
    /** Bytes for a read at a version outside the range: zeros would read as a valid empty message. */
    private static final int PLENTY_OF_ZERO_BYTES = 256;

    /** A field, reached through its enclosing struct fields, at a version where those exist and it does not. */
    record AbsentField(MessageSpec message, List<FieldSpec> path, short version) {
        FieldSpec field() {
            return path.get(path.size() - 1);
        }

        @Override
        public String toString() {
            return message.className() + "." + path.stream().map(FieldSpec::name).collect(Collectors.joining("."))
                    + " v" + version + (field().isTagged() ? " (tagged)" : "");
        }
    }

    static Stream<MessageSpec> messages() {
        return SpecMessages.specs().stream().flatMap(api -> Stream.of(api.request(), api.response()));
    }

    static Stream<AbsentField> nonIgnorableAbsentFields() {
        return absentFields().filter(absent -> !absent.field().ignorable());
    }

    static Stream<AbsentField> ignorableAbsentFields() {
        return absentFields().filter(absent -> absent.field().ignorable());
    }

    private static Stream<AbsentField> absentFields() {
        List<AbsentField> absent = new ArrayList<>();
        for (ApiSpec api : SpecMessages.specs()) {
            for (MessageSpec message : List.of(api.request(), api.response())) {
                collectAbsentFields(api, message, message.fields(), List.of(), absent);
            }
        }
        return absent.stream();
    }

    private static void collectAbsentFields(
            ApiSpec api, MessageSpec message, List<FieldSpec> fields, List<FieldSpec> parents, List<AbsentField> absent) {
        for (FieldSpec field : fields) {
            List<FieldSpec> path = new ArrayList<>(parents);
            path.add(field);
            for (short version = api.versions().lowest(); version <= api.versions().highest(); version++) {
                if (allContain(parents, version) && !field.versions().contains(version)) {
                    absent.add(new AbsentField(message, List.copyOf(path), version));
                }
            }
            collectAbsentFields(api, message, field.children(), path, absent);
        }
    }

    private static boolean allContain(List<FieldSpec> fields, short version) {
        return fields.stream().allMatch(field -> field.versions().contains(version));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readRejectsVersionsOutsideTheSpecRange(MessageSpec message) {
        Class<?> messageClass = SpecMessages.messageClass(message);
        for (short version : versionsJustOutside(messageClass)) {
            WireReader reader = new WireReader(Unpooled.wrappedBuffer(new byte[PLENTY_OF_ZERO_BYTES]));
            assertThrows(UnsupportedVersionException.class, () -> SpecMessages.read(messageClass, reader, version),
                    message.className() + " v" + version);
            assertEquals(PLENTY_OF_ZERO_BYTES, reader.remaining(), "rejected before reading anything");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void writeRejectsVersionsOutsideTheSpecRange(MessageSpec message) {
        Class<?> messageClass = SpecMessages.messageClass(message);
        for (short version : versionsJustOutside(messageClass)) {
            ApiMessage empty = (ApiMessage) SpecMessages.newInstance(messageClass);
            TrackingAllocator allocator = new TrackingAllocator();
            assertThrows(UnsupportedVersionException.class, () -> SpecMessages.write(empty, new WireWriter(allocator), version),
                    message.className() + " v" + version);
            assertEquals(List.of(), allocator.unreleased());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonIgnorableAbsentFields")
    void nonDefaultValueOfNonIgnorableFieldIsRejectedAtVersionThatCannotCarryIt(AbsentField absent) {
        ApiMessage message = messageWithNonDefaultValue(absent);
        TrackingAllocator allocator = new TrackingAllocator();

        assertThrows(UnsupportedVersionException.class,
                () -> SpecMessages.write(message, new WireWriter(allocator), absent.version()), absent::toString);
        assertEquals(List.of(), allocator.unreleased(), "buffers of the failed write are released");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignorableAbsentFields")
    void nonDefaultValueOfIgnorableFieldIsDroppedAtVersionThatCannotCarryIt(AbsentField absent) {
        ApiMessage withValue = messageWithNonDefaultValue(absent);
        ApiMessage withoutValue = messageWithDefaultValue(absent);

        byte[] written = SpecMessages.write(withValue, new WireWriter(new TrackingAllocator()), absent.version());
        byte[] expected = SpecMessages.write(withoutValue, new WireWriter(new TrackingAllocator()), absent.version());
        assertArrayEquals(expected, written, absent::toString);
    }

    /** The rule covers tagged fields too: flexible versions before a tagged field's first cannot carry it. */
    @Test
    void taggedFieldIsRejectedAtFlexibleVersionBeforeItsFirstLikeKafka() {
        short flexibleVersionWithoutReplicaState = 13;
        FetchRequestData kafkaRequest = new FetchRequestData()
                .setReplicaState(new FetchRequestData.ReplicaState().setReplicaId(1));
        assertThrows(org.apache.kafka.common.errors.UnsupportedVersionException.class,
                () -> MessageUtil.toByteBufferAccessor(kafkaRequest, flexibleVersionWithoutReplicaState));

        FetchRequest request = new FetchRequest().setReplicaState(new FetchRequest.ReplicaState().setReplicaId(1));
        TrackingAllocator allocator = new TrackingAllocator();
        assertThrows(UnsupportedVersionException.class,
                () -> SpecMessages.write(request, new WireWriter(allocator), flexibleVersionWithoutReplicaState));
        assertEquals(List.of(), allocator.unreleased());
    }

    @Test
    void taggedStructInsideArrayIsRejectedAtFlexibleVersionBeforeItsFirstLikeKafka() {
        short flexibleVersionWithoutCurrentLeader = 9;
        ProduceResponseData kafkaResponse = new ProduceResponseData();
        ProduceResponseData.TopicProduceResponse kafkaTopic = new ProduceResponseData.TopicProduceResponse().setName("t");
        kafkaTopic.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse()
                .setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch().setLeaderId(3)));
        kafkaResponse.responses().add(kafkaTopic);
        assertThrows(org.apache.kafka.common.errors.UnsupportedVersionException.class,
                () -> MessageUtil.toByteBufferAccessor(kafkaResponse, flexibleVersionWithoutCurrentLeader));

        ProduceResponse response = new ProduceResponse().setResponses(List.of(new ProduceResponse.TopicProduceResponse()
                .setName("t")
                .setPartitionResponses(List.of(new ProduceResponse.PartitionProduceResponse()
                        .setCurrentLeader(new ProduceResponse.LeaderIdAndEpoch().setLeaderId(3))))));
        assertThrows(UnsupportedVersionException.class,
                () -> SpecMessages.write(response, new WireWriter(new TrackingAllocator()), flexibleVersionWithoutCurrentLeader));
    }

    private static short[] versionsJustOutside(Class<?> messageClass) {
        try {
            short lowest = messageClass.getField("LOWEST_VERSION").getShort(null);
            short highest = messageClass.getField("HIGHEST_VERSION").getShort(null);
            return new short[] {(short) (lowest - 1), (short) (highest + 1)};
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiMessage messageWithNonDefaultValue(AbsentField absent) {
        return messageWithPath(absent, true);
    }

    private static ApiMessage messageWithDefaultValue(AbsentField absent) {
        return messageWithPath(absent, false);
    }

    /**
     * A default message with one element (or instance) of each enclosing struct on the path, so that
     * the field is reached at a version where its parents are written; the field itself is set to a
     * non-default value when asked.
     */
    private static ApiMessage messageWithPath(AbsentField absent, boolean nonDefault) {
        Class<?> messageClass = SpecMessages.messageClass(absent.message());
        Object root = SpecMessages.newInstance(messageClass);
        Object holder = root;
        for (FieldSpec parent : absent.path().subList(0, absent.path().size() - 1)) {
            Object child = SpecMessages.newInstance(SpecMessages.structClass(messageClass, parent));
            SpecMessages.set(holder, parent, parent.type().isArray() ? new ArrayList<>(List.of(child)) : child);
            holder = child;
        }
        if (nonDefault) {
            SpecMessages.set(holder, absent.field(), nonDefaultValue(messageClass, holder, absent.field()));
        }
        return (ApiMessage) root;
    }

    /** A value that differs from the field's current (default) value in {@code holder}. */
    private static Object nonDefaultValue(Class<?> messageClass, Object holder, FieldSpec field) {
        Object current = SpecMessages.get(holder, field);
        FieldType type = field.type();
        return switch (type.kind()) {
            case INT8 -> (byte) ((Byte) current + 1);
            case INT16 -> (short) ((Short) current + 1);
            case INT32 -> (Integer) current + 1;
            case INT64 -> (Long) current + 1;
            case BOOL -> !(Boolean) current;
            case STRING -> current == null ? "x" : current + "x";
            case UUID -> new UUID(1L, 1L);
            case BYTES -> new byte[] {1};
            case RECORDS -> new ByteBufRecords(Unpooled.wrappedBuffer(new byte[] {1}));
            case ARRAY -> current == null ? new ArrayList<>() : new ArrayList<>(List.of(type.element().isStruct()
                    ? SpecMessages.newInstance(SpecMessages.structClass(messageClass, field))
                    : SpecMessages.randomPrimitive(type.element().kind(), new Random(0))));
            case STRUCT -> {
                Object struct = SpecMessages.newInstance(SpecMessages.structClass(messageClass, field));
                FieldSpec firstChild = field.children().get(0);
                SpecMessages.set(struct, firstChild, nonDefaultValue(messageClass, struct, firstChild));
                yield struct;
            }
        };
    }
}
