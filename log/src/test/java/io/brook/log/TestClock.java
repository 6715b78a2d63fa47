package io.brook.log;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. Thread-safe: readers see the last value set. */
final class TestClock extends Clock {
    private volatile long nowMs;

    TestClock(long nowMs) {
        this.nowMs = nowMs;
    }

    void advanceMs(long deltaMs) {
        nowMs += deltaMs;
    }

    void setMs(long newNowMs) {
        nowMs = newNowMs;
    }

    @Override
    public long millis() {
        return nowMs;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
