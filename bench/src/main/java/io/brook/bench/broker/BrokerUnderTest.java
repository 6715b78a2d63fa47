package io.brook.bench.broker;

/** A broker the harness started and will stop: where clients reach it and which process it is. */
public interface BrokerUnderTest extends AutoCloseable {
    /** "brook" or "kafka". */
    String name();

    String bootstrapServers();

    /** The broker's process id, for its CPU and memory figures. */
    long pid();

    /** Stops the broker and deletes its data. */
    @Override
    void close() throws Exception;
}
