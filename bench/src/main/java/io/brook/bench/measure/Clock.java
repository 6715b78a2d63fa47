package io.brook.bench.measure;

/** Monotonic time, injected so that tests can drive it by hand. */
public interface Clock {
    Clock SYSTEM = System::nanoTime;

    long nanoTime();
}
