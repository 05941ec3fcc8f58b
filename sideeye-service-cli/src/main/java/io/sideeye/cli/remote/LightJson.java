package io.sideeye.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.json.PlainJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON trees read and written without the data-binding mapper: what the control commands
 * exchange with a running {@code sideeye run}. The core's {@link PlainJson} reads and writes the
 * text (Jackson's streaming parser and generator alone); this class turns its plain values into
 * the same trees as the mapper's {@code readTree}, and back. A mapper's set-up is most of a short
 * control command's time (docs/BENCHMARKS.md, "CLI: control commands").
 */
public final class LightJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LightJson() {
    }

    /**
     * The JSON value in {@code bytes}.
     *
     * @throws IOException when it is not one JSON value
     */
    public static JsonNode read(byte[] bytes) throws IOException {
        return node(PlainJson.parse(bytes));
    }

    /**
     * The JSON value in {@code text}.
     *
     * @throws IOException when it is not one JSON value
     */
    public static JsonNode read(String text) throws IOException {
        return node(PlainJson.parse(text));
    }

    /** {@code node} as compact JSON text. */
    public static String write(JsonNode node) {
        return PlainJson.write(plain(node));
    }

    /** {@code node} as indented JSON text, as the mapper's default pretty printer writes it. */
    public static String pretty(JsonNode node) {
        return PlainJson.pretty(plain(node));
    }

    private static JsonNode node(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((name, member) -> object.set((String) name, node(member)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(node(element)));
            return array;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.nullNode();
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), plain(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
