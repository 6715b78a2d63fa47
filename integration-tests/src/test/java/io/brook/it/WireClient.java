package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.header.RequestHeader;
import io.brook.protocol.header.ResponseHeader;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.ApiVersionsResponse;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCounted;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * A raw Kafka protocol client over a plain socket, built on our own codec: it sends any request at
 * any version (or any bytes at all) and reads responses one frame at a time, for tests that need
 * what real clients never send.
 */
public final class WireClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 10_000;
    /** The client id of every request: what the broker sees as the client, and the prefix of member ids it hands out. */
    static final String CLIENT_ID = "wire-client";

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public WireClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** The framed bytes of a request: size, header, body. */
    public static byte[] frame(ApiKey apiKey, short version, int correlationId, ApiMessage request) {
        return frame(apiKey, version, version, correlationId, request);
    }

    /**
     * A request whose header names {@code headerVersion} but whose body is written at {@code
     * bodyVersion}: how to send a version our codec cannot write.
     */
    public static byte[] frame(ApiKey apiKey, short headerVersion, short bodyVersion, int correlationId, ApiMessage request) {
        WireWriter writer = new WireWriter(UnpooledByteBufAllocator.DEFAULT);
        List<ReferenceCounted> parts;
        try {
            writer.writeInt(0);
            new RequestHeader(apiKey.id(), headerVersion, correlationId, CLIENT_ID).write(writer);
            if (request != null) {
                request.write(writer, bodyVersion);
            }
            writer.patchFirstInt(writer.sizeInBytes() - 4);
            parts = writer.finish();
        } catch (RuntimeException e) {
            writer.release();
            throw e;
        }
        ByteBuf joined = Unpooled.buffer();
        for (ReferenceCounted part : parts) {
            ByteBuf buffer = (ByteBuf) part;
            joined.writeBytes(buffer);
            buffer.release();
        }
        byte[] bytes = new byte[joined.readableBytes()];
        joined.readBytes(bytes);
        return bytes;
    }

    public void send(ApiKey apiKey, short version, int correlationId, ApiMessage request) throws IOException {
        sendRaw(frame(apiKey, version, correlationId, request));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response frame and decodes it as a response to {@code apiKey} at {@code version}. */
    public Response receive(ApiKey apiKey, short version) throws IOException {
        return receive(apiKey, version, version);
    }

    /**
     * Reads one response frame whose header follows the request's version and whose body is
     * written at {@code bodyVersion} (they differ for answers to versions the broker does not know).
     */
    public Response receive(ApiKey apiKey, short requestVersion, short bodyVersion) throws IOException {
        byte[] frame = receiveFrame();
        WireReader reader = new WireReader(Unpooled.wrappedBuffer(frame));
        int correlationId = ResponseHeader.read(reader, ResponseHeader.version(apiKey, requestVersion));
        ApiMessage body = apiKey.readResponse(reader, bodyVersion);
        assertEquals(0, reader.remaining(), "bytes left over after the " + apiKey.apiName() + " response body");
        return new Response(correlationId, body);
    }

    public byte[] receiveFrame() throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    public <R extends ApiMessage> R call(ApiKey apiKey, short version, ApiMessage request, Class<R> responseType) throws IOException {
        int correlationId = 42;
        send(apiKey, version, correlationId, request);
        Response response = receive(apiKey, version);
        assertEquals(correlationId, response.correlationId(), "correlation id");
        return responseType.cast(response.body());
    }

    /** True when the broker closed the connection: a read ends the stream within the timeout. */
    public boolean isClosedByBroker() throws IOException {
        try {
            while (in.read() >= 0) {
                // Drain anything the broker sent before closing.
            }
            return true;
        } catch (EOFException | java.net.SocketException closed) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** Asserts that the connection still serves requests: an ApiVersions round trip succeeds. */
    public void assertStillServing() throws IOException {
        ApiVersionsResponse response = call(ApiKey.API_VERSIONS, (short) 0, new ApiVersionsRequest(), ApiVersionsResponse.class);
        assertEquals(0, response.errorCode(), "ApiVersions error code");
    }

    public record Response(int correlationId, ApiMessage body) {
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
