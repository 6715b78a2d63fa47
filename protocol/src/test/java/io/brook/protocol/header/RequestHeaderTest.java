package io.brook.protocol.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brook.protocol.message.ApiKey;
import io.brook.protocol.testing.TrackingAllocator;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestHeaderTest {
    private static final int CORRELATION_ID = 0x0a0b0c0d;
    private static final short UNKNOWN_API_KEY = 999;
    private static final short HEADER_V1 = 1;
    private static final short HEADER_V2 = 2;

    private final TrackingAllocator allocator = new TrackingAllocator();

    @AfterEach
    void everyBufferIsReleased() {
        assertEquals(List.of(), allocator.unreleased());
    }

    /** Every API and version that both we and Kafka 4.3 know. */
    static Stream<RequestHeader> headersKafkaAlsoKnows() {
        List<RequestHeader> headers = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            ApiKeys kafkaKey = ApiKeys.forId(key.id());
            for (short version = key.lowestVersion(); version <= key.highestVersion(); version++) {
                if (kafkaKey.isVersionSupported(version)) {
                    headers.add(new RequestHeader(key.id(), version, CORRELATION_ID, "client-" + version));
                }
            }
        }
        return headers.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headersKafkaAlsoKnows")
    void headerBytesMatchKafkasForEveryApiVersion(RequestHeader header) {
        ApiKeys kafkaKey = ApiKeys.forId(header.apiKey());
        org.apache.kafka.common.requests.RequestHeader kafkaHeader = new org.apache.kafka.common.requests.RequestHeader(
                kafkaKey, header.apiVersion(), header.clientId(), header.correlationId());

        byte[] ours = write(header);

        assertArrayEquals(kafkaBytes(kafkaHeader.data(), kafkaHeader.headerVersion()), ours);
        org.apache.kafka.common.requests.RequestHeader parsed =
                org.apache.kafka.common.requests.RequestHeader.parse(ByteBuffer.wrap(ours));
        assertEquals(kafkaHeader, parsed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headersKafkaAlsoKnows")
    void headerWrittenByKafkaReadsBackWithNothingLeftOver(RequestHeader header) {
        org.apache.kafka.common.requests.RequestHeader kafkaHeader = new org.apache.kafka.common.requests.RequestHeader(
                ApiKeys.forId(header.apiKey()), header.apiVersion(), header.clientId(), header.correlationId());
        WireReader reader = new WireReader(Unpooled.wrappedBuffer(kafkaBytes(kafkaHeader.data(), kafkaHeader.headerVersion())));

        assertEquals(header, RequestHeader.read(reader));
        assertEquals(0, reader.remaining());
    }

    @Test
    void version1HeaderHasNoTaggedSection() {
        RequestHeader header = new RequestHeader(ApiKey.METADATA.id(), (short) 8, 7, "ab");

        assertEquals("0003" + "0008" + "00000007" + "0002" + "6162", HexFormat.of().formatHex(write(header)));
        assertEquals(header, roundTrip(header));
    }

    @Test
    void version2HeaderKeepsAClassicClientIdAndAddsATaggedSection() {
        RequestHeader header = new RequestHeader(ApiKey.METADATA.id(), (short) 12, 7, "ab");

        assertEquals("0003" + "000c" + "00000007" + "0002" + "6162" + "00", HexFormat.of().formatHex(write(header)));
        assertEquals(header, roundTrip(header));
    }

    @Test
    void nullClientIdRoundTripsInBothVersions() {
        RequestHeader v1 = new RequestHeader(ApiKey.PRODUCE.id(), (short) 8, 1, null);
        RequestHeader v2 = new RequestHeader(ApiKey.PRODUCE.id(), (short) 9, 1, null);

        assertEquals("0000" + "0008" + "00000001" + "ffff", HexFormat.of().formatHex(write(v1)));
        assertEquals(v1, roundTrip(v1));
        assertArrayEquals(kafkaBytes(new RequestHeaderData()
                .setRequestApiKey(ApiKey.PRODUCE.id()).setRequestApiVersion((short) 9).setCorrelationId(1).setClientId(null), HEADER_V2),
                write(v2));
        assertEquals(v2, roundTrip(v2));
    }

    @Test
    void multiByteClientIdRoundTrips() {
        RequestHeader header = new RequestHeader(ApiKey.FETCH.id(), (short) 17, 3, "kl\u00ef\u00ebnt-\u20ac");

        assertEquals(header, roundTrip(header));
    }

    @Test
    void apiVersionsRequestUsesAFlexibleHeaderFromVersion3LikeKafka() {
        for (short version = ApiKey.API_VERSIONS.lowestVersion(); version <= ApiKey.API_VERSIONS.highestVersion(); version++) {
            RequestHeader header = new RequestHeader(ApiKey.API_VERSIONS.id(), version, 1, "c");
            int taggedSectionBytes = version >= 3 ? 1 : 0;
            assertEquals(ApiKeys.API_VERSIONS.requestHeaderVersion(version) == HEADER_V2, taggedSectionBytes == 1);
            assertEquals(2 + 2 + 4 + 2 + 1 + taggedSectionBytes, write(header).length, "ApiVersions v" + version);
        }
    }

    @Test
    void versionsKafkaDroppedUseTheNonFlexibleHeader() {
        RequestHeader produceV0 = new RequestHeader(ApiKey.PRODUCE.id(), (short) 0, 5, "p");

        assertArrayEquals(kafkaBytes(new RequestHeaderData()
                .setRequestApiKey(ApiKey.PRODUCE.id()).setRequestApiVersion((short) 0).setCorrelationId(5).setClientId("p"), HEADER_V1),
                write(produceV0));
        assertEquals(produceV0, roundTrip(produceV0));
    }

    @Test
    void unknownTaggedFieldsInAFlexibleHeaderAreSkipped() {
        RequestHeaderData kafkaHeader = new RequestHeaderData()
                .setRequestApiKey(ApiKey.FETCH.id())
                .setRequestApiVersion((short) 16)
                .setCorrelationId(CORRELATION_ID)
                .setClientId("consumer-1");
        kafkaHeader.unknownTaggedFields().add(new RawTaggedField(3, new byte[] {1, 2, 3}));
        kafkaHeader.unknownTaggedFields().add(new RawTaggedField(200, new byte[0]));
        byte[] body = {0x55, 0x66};
        ByteBuf frame = Unpooled.wrappedBuffer(kafkaBytes(kafkaHeader, HEADER_V2), body);
        WireReader reader = new WireReader(frame);

        RequestHeader header = RequestHeader.read(reader);

        assertEquals(new RequestHeader(ApiKey.FETCH.id(), (short) 16, CORRELATION_ID, "consumer-1"), header);
        assertEquals(body.length, reader.remaining(), "the reader stops at the start of the body");
        assertEquals(0x55, reader.readByte());
    }

    @Test
    void unknownApiKeyIsReadAsAVersion1Header() {
        RequestHeader header = new RequestHeader(UNKNOWN_API_KEY, (short) 30, 9, "x");
        byte[] bytes = write(header);

        assertEquals(2 + 2 + 4 + 2 + 1, bytes.length);
        WireReader reader = new WireReader(Unpooled.wrappedBuffer(bytes, new byte[] {0}));
        assertEquals(header, RequestHeader.read(reader));
        assertEquals(1, reader.remaining(), "the byte after the client id is left for the body");
    }

    private RequestHeader roundTrip(RequestHeader header) {
        WireReader reader = new WireReader(Unpooled.wrappedBuffer(write(header)));
        RequestHeader read = RequestHeader.read(reader);
        assertEquals(0, reader.remaining());
        return read;
    }

    private byte[] write(RequestHeader header) {
        WireWriter writer = new WireWriter(allocator);
        header.write(writer);
        List<ReferenceCounted> parts = writer.finish();
        ByteBuf buffer = (ByteBuf) parts.get(0);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        parts.forEach(ReferenceCounted::release);
        return bytes;
    }

    private static byte[] kafkaBytes(RequestHeaderData data, short headerVersion) {
        ByteBufferAccessor accessor = MessageUtil.toByteBufferAccessor(data, headerVersion);
        return MessageUtil.byteBufferToArray(accessor.buffer());
    }
}
