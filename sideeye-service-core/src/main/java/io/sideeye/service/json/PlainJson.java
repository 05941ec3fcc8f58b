package io.sideeye.service.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small JSON documents (health answers, runtime records, interpreter reports) as plain Java
 * values: {@link Map} (in document order; a repeated name keeps its last value), {@link List},
 * {@link String}, {@link Number} ({@code Integer}, {@code Long}, {@code BigInteger} or
 * {@code Double}), {@link Boolean} and {@code null}.
 *
 * <p>It reads and writes with Jackson's streaming parser and generator only. Jackson's data
 * binding ({@code ObjectMapper}) loads several hundred classes, about 13 MiB of memory in a
 * small JVM, which a manager that only supervises and probes health has no use for; it is
 * loaded when an API call or a front end first needs it.
 */
public final class PlainJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private PlainJson() {
    }

    /**
     * The one JSON value in {@code bytes} (UTF-8, -16 or -32, detected); null for {@code null}.
     *
     * @throws IOException when {@code bytes} is not exactly one well-formed JSON value: empty or
     *                     only whitespace, malformed, or followed by more content
     */
    public static Object parse(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return parse(parser);
        }
    }

    /** As {@link #parse(byte[])}, for text. */
    public static Object parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parse(parser);
        }
    }

    private static Object parse(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new IOException("no JSON value (the input is empty)");
        }
        Object value = value(parser, first);
        if (parser.nextToken() != null) {
            throw new IOException("trailing content after the JSON value at " + parser.currentLocation());
        }
        return value;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
        }
    }

    /** {@code value} (plain values as {@link #parse} returns them; other objects as strings) as JSON text. */
    public static String write(Object value) {
        return write(value, false);
    }

    /** As {@link #write}, indented as Jackson's default pretty printer does. */
    public static String pretty(Object value) {
        return write(value, true);
    }

    private static String write(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (pretty) {
                generator.useDefaultPrettyPrinter();
            }
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Number n) {
            writeNumber(generator, n);
        } else {
            generator.writeString(value.toString());
        }
    }

    private static void writeNumber(JsonGenerator generator, Number n) throws IOException {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            generator.writeNumber(n.longValue());
        } else if (n instanceof java.math.BigInteger big) {
            generator.writeNumber(big);
        } else if (n instanceof java.math.BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else {
            generator.writeNumber(n.doubleValue());
        }
    }
}
