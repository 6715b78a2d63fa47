package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.it.clients.ProduceConsumeRoundTrip;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acceptance 1: kafka-clients 4.x, default producer (idempotent), group-less consumer, 200,000 records. */
class ProduceConsumeIT {
    private static final int RECORDS = 200_000;

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    @Test
    void kafkaClients4RecordsComeBackExactlyInOffsetOrder() throws Exception {
        List<String> report = ProduceConsumeRoundTrip.run(broker.bootstrapServers(), "round-trip-4", 3, RECORDS);
        assertTrue(report.get(0).startsWith("4."), "client version " + report.get(0));
        assertEquals(List.of(), report.subList(1, report.size()));
    }
}
