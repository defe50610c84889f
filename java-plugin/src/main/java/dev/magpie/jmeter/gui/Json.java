package dev.magpie.jmeter.gui;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads the core's JSON replies with the Jackson that JMeter ships in {@code lib/}.
 *
 * <p>Jackson is only a runtime dependency of JMeter's POMs, so it is not on our compile classpath
 * yet; until the build adds {@code compileOnly "com.fasterxml.jackson.core:jackson-databind"} we
 * call {@code new ObjectMapper().readValue(json, Map.class)} reflectively. The result is plain
 * maps, lists, strings and numbers.
 */
final class Json {
    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String json) {
        try {
            Object mapper = mapperClass().getDeclaredConstructor().newInstance();
            Method readValue = mapperClass().getMethod("readValue", String.class, Class.class);
            return (Map<String, Object>) readValue.invoke(mapper, json, Map.class);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot read the Magpie core's reply as JSON: " + cause(e), e);
        }
    }

    /** A request for the core: maps, lists, strings, numbers and booleans as a JSON document. */
    static String write(Object value) {
        try {
            Object mapper = mapperClass().getDeclaredConstructor().newInstance();
            return (String) mapperClass().getMethod("writeValueAsString", Object.class).invoke(mapper, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot write a request for the Magpie core: " + cause(e), e);
        }
    }

    private static Class<?> mapperClass() throws ClassNotFoundException {
        return Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
    }

    private static Throwable cause(Exception e) {
        return e.getCause() != null ? e.getCause() : e;
    }

    static String string(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    static long number(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v instanceof List ? (List<Object>) v : Collections.emptyList();
    }
}
