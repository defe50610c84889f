package dev.magpie.jmeter.gui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Reads the core's JSON replies and writes its requests with the Jackson JMeter ships in lib/. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the Magpie core's reply as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A request for the core: maps, lists, strings, numbers and booleans as a JSON document. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request for the Magpie core: " + e.getOriginalMessage(), e);
        }
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v instanceof Map ? (Map<String, Object>) v : Collections.emptyMap();
    }

    /** The objects of a JSON array (other items skipped). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(List<Object> list) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map) {
                out.add((Map<String, Object>) o);
            }
        }
        return out;
    }
}
