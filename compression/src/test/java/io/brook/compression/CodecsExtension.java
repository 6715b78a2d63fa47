package io.brook.compression;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One {@link Codecs} for a test class: created before its first test, closed after its last. */
final class CodecsExtension implements BeforeAllCallback, AfterAllCallback {

    private Codecs codecs;

    @Override
    public void beforeAll(ExtensionContext context) {
        codecs = Codecs.create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        codecs.close();
    }

    BatchCodec codec(CompressionType type) {
        return codecs.codec(type);
    }
}
