package io.sideeye.service.json;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recursive-descent reader behind {@link PlainJson#parse(String)}: one document, strict RFC 8259. */
final class PlainJsonReader {
    /** Deeper nesting is refused rather than risking the stack (Jackson's default limit). */
    static final int MAX_DEPTH = 1000;

    private final String text;
    private int pos;

    PlainJsonReader(String text) {
        this.text = text;
    }

    /** The document's one value; nothing but whitespace may surround it. */
    Object document() throws IOException {
        skipWhitespace();
        if (pos == text.length()) {
            throw new IOException("no JSON value");
        }
        Object value = value(0);
        skipWhitespace();
        if (pos != text.length()) {
            throw error("content after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        char c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            if (peek() != '"') {
                throw error("expected a name in double quotes");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(name, value(depth + 1));
            skipWhitespace();
            if (next() == '}') {
                return object;
            }
            pos--;
            expect(',');
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) throws IOException {
        List<Object> array = new ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            array.add(value(depth + 1));
            skipWhitespace();
            if (next() == ']') {
                return array;
            }
            pos--;
            expect(',');
            skipWhitespace();
        }
    }

    private String string() throws IOException {
        pos++; // '"'
        StringBuilder out = null;
        int run = pos;
        while (true) {
            char c = next();
            if (c == '"') {
                String tail = text.substring(run, pos - 1);
                return out == null ? tail : out.append(tail).toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string");
            }
            if (c == '\\') {
                out = (out == null ? new StringBuilder() : out).append(text, run, pos - 1).append(escape());
                run = pos;
            }
        }
    }

    private char escape() throws IOException {
        char c = next();
        switch (c) {
            case '"', '\\', '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("incomplete \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    char h = text.charAt(pos++);
                    int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                    if (digit < 0) {
                        throw error("invalid \\u escape");
                    }
                    code = code * 16 + digit;
                }
                return (char) code;
            default:
                throw error("invalid escape \\" + c);
        }
    }

    private Number number() throws IOException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                throw error("leading zeros are not allowed");
            }
        } else {
            digits();
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
            integral = false;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits();
            integral = false;
        }
        String literal = text.substring(start, pos);
        if (!integral) {
            return Double.parseDouble(literal);
        }
        if (literal.length() <= 18) { // fits a long whatever its digits
            long value = Long.parseLong(literal);
            return value == (int) value ? (Number) (int) value : (Number) value;
        }
        BigInteger big = new BigInteger(literal);
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    private void digits() throws IOException {
        if (!isDigit(peek())) {
            throw error("expected a digit");
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws IOException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected word");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws IOException {
        if (pos >= text.length()) {
            throw error("unexpected end of the document");
        }
        return text.charAt(pos);
    }

    private char next() throws IOException {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IOException error(String what) {
        return new IOException("malformed JSON: " + what + " at character " + pos);
    }
}
