package io.sideeye.service.json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Small JSON documents (health answers, runtime records, interpreter reports) as plain Java
 * values: {@link Map} (in document order; a repeated name keeps its last value), {@link List},
 * {@link String}, {@link Number} ({@code Integer}, {@code Long}, {@code BigInteger} or
 * {@code Double}), {@link Boolean} and {@code null}. Strict RFC 8259: no comments, no trailing
 * commas, no leading zeros, no unescaped control characters, nothing after the value.
 *
 * <p>Why not Jackson, which the library uses for API answers and events: its data binding
 * ({@code ObjectMapper}) loads several hundred classes, about 13 MiB of memory in a small JVM,
 * and even its streaming parser about 4 MiB and tens of microseconds per document on a cold
 * cache; a manager that only supervises and probes health once a second has no use for either.
 */
public final class PlainJson {
    private PlainJson() {
    }

    /**
     * The one JSON value in {@code bytes} (UTF-8, or UTF-16/32 recognised by RFC 4627's pattern
     * of zero bytes or a byte order mark, which is skipped); null for {@code null}.
     *
     * @throws IOException when {@code bytes} is not exactly one well-formed JSON value: empty or
     *                     only whitespace, malformed (also as UTF-8), or followed by more content
     */
    public static Object parse(byte[] bytes) throws IOException {
        return parse(decode(bytes));
    }

    /** As {@link #parse(byte[])}, for text. */
    public static Object parse(String text) throws IOException {
        return new PlainJsonReader(text).document();
    }

    private static String decode(byte[] b) throws IOException {
        Charset charset = StandardCharsets.UTF_8;
        int start = 0;
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0) {
            charset = Charset.forName("UTF-32BE");
        } else if (b.length >= 4 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
            charset = Charset.forName("UTF-32LE");
        } else if (b.length >= 2 && b[0] == 0) {
            charset = StandardCharsets.UTF_16BE;
        } else if (b.length >= 2 && b[1] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            start = 3;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            charset = StandardCharsets.UTF_16BE;
            start = 2;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            charset = StandardCharsets.UTF_16LE;
            start = 2;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, start, b.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not valid " + charset.name() + " text", e);
        }
    }

    /**
     * {@code value} (plain values as {@link #parse} returns them; other objects as strings) as
     * compact JSON text.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof java.math.BigDecimal) {
            out.append(value);
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            out.append(n.doubleValue());
        } else {
            quote(out, value.toString()); // including NaN and infinities, which JSON cannot express
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
