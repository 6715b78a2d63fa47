package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.ProduceResponse;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 7: 1,000 requests written back to back on one connection, before any response is
 * read, come back in order with their correlation ids, even though produce requests finish on
 * append threads while metadata and ApiVersions requests finish on the event loop. 1,000 is
 * twice queued.max.requests, so the connection also pauses and resumes reading on the way.
 */
class PipeliningIT {
    private static final int REQUESTS = 1_000;
    private static final short PRODUCE_VERSION = 9;
    private static final short METADATA_VERSION = 12;
    private static final short API_VERSIONS_VERSION = 3;

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            client.call(ApiKey.METADATA, METADATA_VERSION, Requests.metadata("pipelined"), MetadataResponse.class);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < REQUESTS; i++) {
                all.write(WireClient.frame(keyOf(i), versionOf(i), correlationIdOf(i), requestOf(i)));
            }
            client.sendRaw(all.toByteArray());
            long producedRecords = 0;
            for (int i = 0; i < REQUESTS; i++) {
                WireClient.Response response = client.receive(keyOf(i), versionOf(i));
                assertEquals(correlationIdOf(i), response.correlationId(), "response " + i + " out of order");
                if (response.body() instanceof ProduceResponse produce) {
                    var partition = produce.responses().get(0).partitionResponses().get(0);
                    assertEquals(ErrorCode.NONE.code(), partition.errorCode());
                    assertEquals(producedRecords, partition.baseOffset());
                    producedRecords++;
                }
            }
        }
    }

    private static ApiKey keyOf(int i) {
        return switch (i % 3) {
            case 0 -> ApiKey.PRODUCE;
            case 1 -> ApiKey.METADATA;
            default -> ApiKey.API_VERSIONS;
        };
    }

    private static short versionOf(int i) {
        return switch (i % 3) {
            case 0 -> PRODUCE_VERSION;
            case 1 -> METADATA_VERSION;
            default -> API_VERSIONS_VERSION;
        };
    }

    private static int correlationIdOf(int i) {
        return 7_000 + i * 3;
    }

    private static io.brook.protocol.ApiMessage requestOf(int i) {
        return switch (i % 3) {
            case 0 -> Requests.produce("pipelined", 0, (short) 1, TestBatches.plain(1));
            case 1 -> Requests.metadata("pipelined");
            default -> new ApiVersionsRequest().setClientSoftwareName("wire-client").setClientSoftwareVersion("1.0");
        };
    }
}
