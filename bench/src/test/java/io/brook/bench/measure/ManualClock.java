package io.brook.bench.measure;

/** A clock tests move by hand. */
public final class ManualClock implements Clock {
    private long nowNs;

    public ManualClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    public void advanceMs(long ms) {
        nowNs += ms * 1_000_000L;
    }

    public void advanceNs(long ns) {
        nowNs += ns;
    }
}
