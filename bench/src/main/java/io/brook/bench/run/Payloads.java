package io.brook.bench.run;

import java.util.Random;

/**
 * Record values of one size: letters A-Z, as Kafka's ProducerPerformance writes them, so that
 * compressed workloads compress about as much as text does. A few dozen different values keep a
 * batch from being one repeated record.
 */
final class Payloads {
    private static final int DISTINCT_VALUES = 64;
    private static final long SEED = 20261121L;

    private final byte[][] values;

    Payloads(int sizeInBytes) {
        Random random = new Random(SEED);
        values = new byte[DISTINCT_VALUES][sizeInBytes];
        for (byte[] value : values) {
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) ('A' + random.nextInt(26));
            }
        }
    }

    byte[] get(long index) {
        return values[(int) (index % DISTINCT_VALUES)];
    }
}
