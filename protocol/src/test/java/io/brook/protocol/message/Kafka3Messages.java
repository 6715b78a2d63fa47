package io.brook.protocol.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kafka 3.9's generated message classes, the last generation whose specs still define the versions
 * Kafka 4 dropped. The build copies the kafka-clients 3.9 jar into the directory named by the
 * {@code kafka.clients.3.dir} system property; it is loaded in a class loader of its own whose parent
 * is the platform loader, so that it does not meet Kafka 4.3's classes on the test class path, and
 * reached only reflectively. The loader lives as long as the test JVM.
 */
final class Kafka3Messages {
    private static final String DIR_PROPERTY = "kafka.clients.3.dir";
    private static final String MESSAGE_PACKAGE = "org.apache.kafka.common.message.";
    private static final String PROTOCOL_PACKAGE = "org.apache.kafka.common.protocol.";

    private static ClassLoader loader;

    /** What Kafka 3.9 made of our bytes: the message it read, how many bytes it left unread, and its own bytes for it. */
    record Reread(Object message, int unreadBytes, byte[] rewritten) {
    }

    private Kafka3Messages() {
    }

    /** Kafka 3.9's class for the message our class {@code className} stands for, or null when it has none. */
    static Class<?> messageClass(String className) {
        try {
            return Class.forName(MESSAGE_PACKAGE + className + "Data", true, loader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    static short lowestSupportedVersion(Class<?> kafkaClass) {
        try {
            return kafkaClass.getField("LOWEST_SUPPORTED_VERSION").getShort(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads {@code bytes} with Kafka 3.9's class at {@code version} and writes the result back at the
     * same version. An exception thrown by Kafka's read or write is rethrown as itself.
     */
    static Reread readAndRewrite(Class<?> kafkaClass, byte[] bytes, short version) throws Throwable {
        ClassLoader classes = kafkaClass.getClassLoader();
        Class<?> readable = classes.loadClass(PROTOCOL_PACKAGE + "Readable");
        Class<?> message = classes.loadClass(PROTOCOL_PACKAGE + "Message");
        Class<?> writable = classes.loadClass(PROTOCOL_PACKAGE + "Writable");
        Class<?> accessorClass = classes.loadClass(PROTOCOL_PACKAGE + "ByteBufferAccessor");
        Class<?> cacheClass = classes.loadClass(PROTOCOL_PACKAGE + "ObjectSerializationCache");
        Constructor<?> newAccessor = accessorClass.getConstructor(ByteBuffer.class);

        Object input = newAccessor.newInstance(ByteBuffer.wrap(bytes));
        Constructor<?> reader = kafkaClass.getConstructor(readable, short.class);
        Object kafkaMessage = unwrap(() -> reader.newInstance(input, version));
        int unread = (Integer) accessorClass.getMethod("remaining").invoke(input);

        // What MessageUtil.toByteBuffer does; MessageUtil itself is not reflected on, since its JSON
        // helpers name Jackson classes that this class loader does not have.
        Object cache = cacheClass.getConstructor().newInstance();
        Method size = message.getMethod("size", cacheClass, short.class);
        Method write = message.getMethod("write", writable, cacheClass, short.class);
        int length = (Integer) unwrap(() -> size.invoke(kafkaMessage, cache, version));
        ByteBuffer output = ByteBuffer.allocate(length);
        unwrap(() -> write.invoke(kafkaMessage, newAccessor.newInstance(output), cache, version));
        if (output.hasRemaining()) {
            throw new IllegalStateException("Kafka 3.9 wrote " + output.position() + " bytes but sized the message at " + length);
        }
        return new Reread(kafkaMessage, unread, output.array());
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    private static Object unwrap(Reflective call) throws Throwable {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static synchronized ClassLoader loader() {
        if (loader == null) {
            loader = new URLClassLoader("kafka-clients-3", jars(), ClassLoader.getPlatformClassLoader());
        }
        return loader;
    }

    private static URL[] jars() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException(DIR_PROPERTY + " is not set; run the tests through Maven, which copies kafka-clients 3.9 there");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path jar : files.filter(path -> path.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (urls.isEmpty()) {
            throw new IllegalStateException("no jars in " + dir);
        }
        return urls.toArray(new URL[0]);
    }
}
