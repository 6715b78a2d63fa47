package io.brook.bench.run;

import java.util.concurrent.atomic.AtomicLong;

/** Records and bytes counted so far in the measured part, written by client threads and read by the progress line. */
final class LiveCounters {
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    void add(long recordCount, long byteCount) {
        records.addAndGet(recordCount);
        bytes.addAndGet(byteCount);
    }

    long records() {
        return records.get();
    }

    long bytes() {
        return bytes.get();
    }
}
