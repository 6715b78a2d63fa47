package io.brook.protocol.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.message.ApiKey;
import io.brook.protocol.testing.TrackingAllocator;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseHeaderTest {
    private static final int CORRELATION_ID = 0x0a0b0c0d;
    private static final short HEADER_V0 = 0;
    private static final short HEADER_V1 = 1;

    private final TrackingAllocator allocator = new TrackingAllocator();

    @AfterEach
    void everyBufferIsReleased() {
        assertEquals(List.of(), allocator.unreleased());
    }

    @Test
    void apiVersionsResponsesAlwaysUseHeaderVersion0() {
        for (short version = ApiKey.API_VERSIONS.lowestVersion(); version <= ApiKey.API_VERSIONS.highestVersion(); version++) {
            assertEquals(HEADER_V0, ResponseHeader.version(ApiKey.API_VERSIONS, version), "ApiVersions v" + version);
            assertEquals(ApiKeys.API_VERSIONS.responseHeaderVersion(version), ResponseHeader.version(ApiKey.API_VERSIONS, version));
        }
        assertTrue(ApiKey.API_VERSIONS.isFlexible(ApiKey.API_VERSIONS.highestVersion()),
                "ApiVersions has flexible versions, and still answers with header version 0");
    }

    @ParameterizedTest
    @EnumSource(value = ApiKey.class, names = "API_VERSIONS", mode = EnumSource.Mode.EXCLUDE)
    void otherApisUseHeaderVersion1ExactlyWhenFlexibleLikeKafka(ApiKey key) {
        ApiKeys kafkaKey = ApiKeys.forId(key.id());
        for (short version = key.lowestVersion(); version <= key.highestVersion(); version++) {
            short expected = key.isFlexible(version) ? HEADER_V1 : HEADER_V0;
            assertEquals(expected, ResponseHeader.version(key, version), key + " v" + version);
            if (kafkaKey.isVersionSupported(version)) {
                assertEquals(kafkaKey.responseHeaderVersion(version), ResponseHeader.version(key, version), key + " v" + version);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {HEADER_V0, HEADER_V1})
    void headerBytesMatchKafkasAndReadBack(short headerVersion) {
        byte[] ours = write(CORRELATION_ID, headerVersion);

        byte[] kafka = kafkaBytes(new ResponseHeaderData().setCorrelationId(CORRELATION_ID), headerVersion);
        assertArrayEquals(kafka, ours);
        WireReader reader = new WireReader(Unpooled.wrappedBuffer(ours));
        assertEquals(CORRELATION_ID, ResponseHeader.read(reader, headerVersion));
        assertEquals(0, reader.remaining());
    }

    @Test
    void version0IsTheCorrelationIdAloneAndVersion1AddsAnEmptyTaggedSection() {
        assertEquals("0a0b0c0d", HexFormat.of().formatHex(write(CORRELATION_ID, HEADER_V0)));
        assertEquals("0a0b0c0d00", HexFormat.of().formatHex(write(CORRELATION_ID, HEADER_V1)));
    }

    @Test
    void unknownTaggedFieldsInVersion1AreSkipped() {
        ResponseHeaderData kafkaHeader = new ResponseHeaderData().setCorrelationId(CORRELATION_ID);
        kafkaHeader.unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1, 2, 3, 4}));
        byte[] body = {0x42};
        WireReader reader = new WireReader(Unpooled.wrappedBuffer(kafkaBytes(kafkaHeader, HEADER_V1), body));

        assertEquals(CORRELATION_ID, ResponseHeader.read(reader, HEADER_V1));
        assertEquals(body.length, reader.remaining(), "the reader stops at the start of the body");
    }

    private byte[] write(int correlationId, short headerVersion) {
        WireWriter writer = new WireWriter(allocator);
        ResponseHeader.write(writer, correlationId, headerVersion);
        List<ReferenceCounted> parts = writer.finish();
        ByteBuf buffer = (ByteBuf) parts.get(0);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        parts.forEach(ReferenceCounted::release);
        return bytes;
    }

    private static byte[] kafkaBytes(ResponseHeaderData data, short headerVersion) {
        return MessageUtil.byteBufferToArray(MessageUtil.toByteBufferAccessor(data, headerVersion).buffer());
    }
}
