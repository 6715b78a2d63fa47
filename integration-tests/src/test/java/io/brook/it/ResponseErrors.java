package io.brook.it;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Every error code in a response: the values of all {@code errorCode()} accessors, at any depth. */
final class ResponseErrors {
    private static final String MESSAGE_PACKAGE = "io.brook.protocol.message";

    private ResponseErrors() {
    }

    static List<Short> collect(Object message) throws ReflectiveOperationException {
        List<Short> errors = new ArrayList<>();
        collect(message, errors);
        return errors;
    }

    private static void collect(Object value, List<Short> errors) throws ReflectiveOperationException {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                collect(element, errors);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith(MESSAGE_PACKAGE)) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || method.getDeclaringClass() != value.getClass()) {
                continue;
            }
            if (method.getName().equals("errorCode") && method.getReturnType() == short.class) {
                errors.add((Short) method.invoke(value));
            } else if (List.class.isAssignableFrom(method.getReturnType())) {
                collect(method.invoke(value), errors);
            }
        }
    }
}
