package io.brook.protocol.message;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.generator.ApiSpec;
import io.brook.protocol.generator.FieldSpec;
import io.brook.protocol.generator.FieldType;
import io.brook.protocol.generator.MessageSpec;
import io.brook.protocol.generator.ProtocolGenerator;
import io.brook.protocol.wire.ByteBufRecords;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Reaches the generated message classes through their specs: builds instances, sets and gets fields
 * by spec name, and reads and writes them. Tests use it to cover every field of every message
 * without naming one, so that a new spec is tested the moment it is generated.
 */
final class SpecMessages {
    private static final int MAX_STRING_CHARS = 10;
    private static final int MAX_ARRAY_ELEMENTS = 3;
    private static final int MAX_RANDOM_BYTES = 32;
    /** One in NULL_ODDS nullable values is null; one in NULL_ODDS tagged fields keeps its default. */
    private static final int NULL_ODDS = 4;
    private static final char FIRST_PRINTABLE_ASCII = ' ';
    private static final char LAST_PRINTABLE_ASCII = '~';

    private SpecMessages() {
    }

    /** Every spec in {@code protocol/src/main/spec}; surefire runs with {@code protocol/} as working directory. */
    static List<ApiSpec> specs() {
        try {
            return ProtocolGenerator.loadSpecs(ProtocolGenerator.SPEC_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Class<?> messageClass(MessageSpec message) {
        return loadClass(SpecMessages.class.getPackageName() + "." + message.className());
    }

    /** Structs are generated as static nested classes of the top-level message class, at any depth. */
    static Class<?> structClass(Class<?> messageClass, FieldSpec field) {
        return loadClass(messageClass.getName() + "$" + field.type().structTypeName());
    }

    static Object newInstance(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    static void set(Object target, FieldSpec field, Object value) {
        invoke(method(target.getClass(), field.setterName(), 1), target, value);
    }

    static Object get(Object target, FieldSpec field) {
        return invoke(method(target.getClass(), field.javaName(), 0), target);
    }

    static ApiMessage read(Class<?> messageClass, WireReader reader, short version) {
        Method read = method(messageClass, "read", 2);
        return (ApiMessage) invoke(read, null, reader, version);
    }

    /** Writes {@code message} and returns its bytes; the writer's parts are released either way. */
    static byte[] write(ApiMessage message, WireWriter writer, short version) {
        List<ReferenceCounted> parts;
        try {
            message.write(writer, version);
            parts = writer.finish();
        } catch (RuntimeException e) {
            writer.release();
            throw e;
        }
        try {
            ByteBuf joined = Unpooled.buffer();
            for (ReferenceCounted part : parts) {
                joined.writeBytes((ByteBuf) part, ((ByteBuf) part).readerIndex(), ((ByteBuf) part).readableBytes());
            }
            byte[] bytes = new byte[joined.readableBytes()];
            joined.readBytes(bytes);
            return bytes;
        } finally {
            parts.forEach(ReferenceCounted::release);
        }
    }

    /** A message whose every field present at {@code version} holds a random value valid at that version. */
    static ApiMessage randomMessage(MessageSpec message, short version, Random random) {
        Class<?> messageClass = messageClass(message);
        return (ApiMessage) randomStruct(messageClass, messageClass, message.fields(), version, random);
    }

    private static Object randomStruct(Class<?> messageClass, Class<?> type, List<FieldSpec> fields, short version, Random random) {
        Object instance = newInstance(type);
        for (FieldSpec field : fields) {
            if (!field.versions().contains(version)) {
                continue;
            }
            if (field.isTagged() && random.nextInt(NULL_ODDS) == 0) {
                continue;
            }
            set(instance, field, randomValue(messageClass, field, version, random));
        }
        return instance;
    }

    private static Object randomValue(Class<?> messageClass, FieldSpec field, short version, Random random) {
        boolean makeNull = field.nullableVersions().contains(version) && random.nextInt(NULL_ODDS) == 0;
        FieldType type = field.type();
        return switch (type.kind()) {
            case STRING, BYTES, RECORDS, ARRAY -> makeNull ? null : randomNonNull(messageClass, field, version, random);
            default -> randomNonNull(messageClass, field, version, random);
        };
    }

    private static Object randomNonNull(Class<?> messageClass, FieldSpec field, short version, Random random) {
        FieldType type = field.type();
        return switch (type.kind()) {
            case RECORDS -> randomRecords(random);
            case STRUCT -> randomStruct(messageClass, structClass(messageClass, field), field.children(), version, random);
            case ARRAY -> {
                int elementCount = random.nextInt(MAX_ARRAY_ELEMENTS + 1);
                List<Object> elements = new ArrayList<>(elementCount);
                for (int i = 0; i < elementCount; i++) {
                    elements.add(type.element().isStruct()
                            ? randomStruct(messageClass, structClass(messageClass, field), field.children(), version, random)
                            : randomPrimitive(type.element().kind(), random));
                }
                yield elements;
            }
            default -> randomPrimitive(type.kind(), random);
        };
    }

    static Object randomPrimitive(FieldType.Kind kind, Random random) {
        return switch (kind) {
            case INT8 -> (byte) random.nextInt();
            case INT16 -> (short) random.nextInt();
            case INT32 -> random.nextInt();
            case INT64 -> random.nextLong();
            case BOOL -> random.nextBoolean();
            case STRING -> randomAscii(random);
            case UUID -> new UUID(random.nextLong(), random.nextLong());
            case BYTES -> randomBytes(random);
            default -> throw new IllegalArgumentException("not a primitive: " + kind);
        };
    }

    static ByteBufRecords randomRecords(Random random) {
        return new ByteBufRecords(Unpooled.wrappedBuffer(randomBytes(random)));
    }

    /** Up to MAX_RANDOM_BYTES random bytes, empty included: records content or a bytes field. */
    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(MAX_RANDOM_BYTES + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomAscii(Random random) {
        int charCount = random.nextInt(MAX_STRING_CHARS + 1);
        StringBuilder text = new StringBuilder(charCount);
        for (int i = 0; i < charCount; i++) {
            text.append((char) (FIRST_PRINTABLE_ASCII + random.nextInt(LAST_PRINTABLE_ASCII - FIRST_PRINTABLE_ASCII + 1)));
        }
        return text.toString();
    }

    private static Method method(Class<?> type, String name, int parameterCount) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == parameterCount) {
                return method;
            }
        }
        throw new IllegalStateException(type.getName() + " has no public method " + name + " with " + parameterCount + " parameters");
    }

    /** Invokes reflectively, rethrowing what the generated code threw as itself. */
    private static Object invoke(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no generated class " + name, e);
        }
    }
}
