package io.brook.protocol.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer during it. Registered for every test class
 * through JUnit's extension auto-detection (see the surefire configuration in the parent pom), and
 * installed in a static initializer so that it is in place before the first buffer class loads.
 * Test runs set {@code io.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 */
public final class NettyLeakCheck implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    /** GC rounds to give unreachable leaked buffers a chance to be enqueued and reported. */
    private static final int COLLECTION_ROUNDS = 3;
    private static final int PROBE_ALLOCATIONS = 64;

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (int round = 0; round < COLLECTION_ROUNDS; round++) {
            System.gc();
            // A tracked allocation is what makes the detector drain its queue of collected leaks.
            for (int i = 0; i < PROBE_ALLOCATIONS; i++) {
                ByteBufAllocator.DEFAULT.buffer(1).release();
            }
        }
        if (!LEAKS.isEmpty()) {
            List<String> found = new ArrayList<>(LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty reported " + found.size() + " leaked buffer(s) during "
                    + context.getDisplayName() + ":\n" + String.join("\n", found));
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval, maxActive) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add("LEAK: " + resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add("LEAK: " + resourceType);
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
