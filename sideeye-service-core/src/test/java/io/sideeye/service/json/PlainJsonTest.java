package io.sideeye.service.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void readsNestedValuesAsPlainJavaValuesInDocumentOrder() throws IOException {
        Object value = PlainJson.parse("{\"status\":\"healthy\",\"n\":3,\"big\":12345678901234567890,\"x\":1.5,"
                + "\"ok\":true,\"none\":null,\"checks\":{\"db\":{\"status\":\"healthy\"}},\"list\":[1,\"a\",false]}");

        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("status", "n", "big", "x", "ok", "none", "checks", "list");
        assertThat(map.get("status")).isEqualTo("healthy");
        assertThat(map.get("n")).isEqualTo(3);
        assertThat(map.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(map.get("x")).isEqualTo(1.5);
        assertThat(map.get("ok")).isEqualTo(true);
        assertThat(map.containsKey("none")).isTrue();
        assertThat(map.get("none")).isNull();
        assertThat(map.get("checks")).isEqualTo(Map.of("db", Map.of("status", "healthy")));
        assertThat(map.get("list")).isEqualTo(List.of(1, "a", false));
    }

    @Test
    void aRepeatedNameKeepsItsLastValue() throws IOException {
        assertThat(PlainJson.parse("{\"status\":\"healthy\",\"status\":\"unhealthy\"}"))
                .isEqualTo(Map.of("status", "unhealthy"));
    }

    @Test
    void detectsUtf16() throws IOException {
        assertThat(PlainJson.parse("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_16BE)))
                .isEqualTo(Map.of("name", "Zoë"));
    }

    @Test
    void aDocumentThatIsJustNullIsNull() throws IOException {
        assertThat(PlainJson.parse(" null ")).isNull();
    }

    @Test
    void refusesEmptyMalformedAndTrailingContent() {
        for (String text : List.of("", "  \n", "{\"a\":", "{\"a\":1} garbage", "{\"a\":1}{}", "[1,]", "{a:1}")) {
            assertThatThrownBy(() -> PlainJson.parse(text)).as(text).isInstanceOf(IOException.class);
        }
    }

    /** Documents on both sides of the grammar's edges; Jackson (strict, as the API client reads) is the referee. */
    private static final List<String> CORPUS = List.of(
            "{}", "[]", "0", "-0", "1.5e3", "-1E-2", "1e+2", "\"text\"", "true", "false", "null", " [ 1 , 2 ] ",
            "{\"a\":{\"b\":[true,false,null,\"x\"]}}", "\"\\u00e9\\n\\t\\/\\\"\\\\\"", "\"\\ud83d\\ude00\"",
            "12345678901234567890", "-9223372036854775808", "2147483648",
            "01", "-01", "1.", ".5", "+1", "1e", "-", "--1", "0x10", "NaN", "Infinity", "tru", "nul", "True",
            "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{,}", "[,1]", "{\"a\":1 \"b\":2}", "'single'",
            "\"unterminated", "\"tab\there\"", "\"bad \\x escape\"", "\"\\u12\"", "\"\\u12G4\"",
            "// comment\n{}", "{} /* */", "[1]]", "{\"a\":1}}", "\u00a0{}", "{}\u0000");

    @Test
    void acceptsAndRefusesExactlyWhatAStrictJacksonReaderDoes() throws IOException {
        ObjectReader strict = new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (String text : CORPUS) {
            boolean jacksonAccepts;
            try {
                JsonNode node = strict.readTree(text);
                jacksonAccepts = node != null && !node.isMissingNode();
            } catch (IOException e) {
                jacksonAccepts = false;
            }
            boolean ours;
            try {
                PlainJson.parse(text.getBytes(StandardCharsets.UTF_8));
                ours = true;
            } catch (IOException e) {
                ours = false;
            }
            assertThat(ours).as("accepts %s", text).isEqualTo(jacksonAccepts);
            if (ours) {
                assertThat(PlainJson.write(PlainJson.parse(text))).as("value of %s", text)
                        .isEqualTo(strict.readTree(text).toString());
            }
        }
    }

    @Test
    void numbersAreIntegerLongBigIntegerOrDouble() throws IOException {
        assertThat(PlainJson.parse("2147483647")).isEqualTo(2147483647);
        assertThat(PlainJson.parse("2147483648")).isEqualTo(2147483648L);
        assertThat(PlainJson.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(PlainJson.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(PlainJson.parse("2.0")).isEqualTo(2.0);
    }

    @Test
    void refusesInvalidUtf8AndNestingDeeperThanTheLimit() {
        assertThatThrownBy(() -> PlainJson.parse(new byte[] {'"', (byte) 0xc3, '"'})).isInstanceOf(IOException.class);
        String deep = "[".repeat(PlainJsonReader.MAX_DEPTH + 2) + "]".repeat(PlainJsonReader.MAX_DEPTH + 2);
        assertThatThrownBy(() -> PlainJson.parse(deep)).isInstanceOf(IOException.class).hasMessageContaining("nested");
    }

    @Test
    void skipsAByteOrderMark() throws IOException {
        byte[] utf8 = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        assertThat(PlainJson.parse(withBom)).isEqualTo(Map.of("a", 1));
        byte[] utf16 = "\ufeff{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(PlainJson.parse(utf16)).isEqualTo(Map.of("a", 1));
    }

    @Test
    void writesWhatItReadsBack() throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("pid", 4711L);
        record.put("startTime", null);
        record.put("text", "quote \" backslash \\ line\nbreak");
        record.put("nested", Arrays.asList(1.5, true, null, Map.of("k", "v")));

        String json = PlainJson.write(record);

        assertThat(json).startsWith("{\"pid\":4711,\"startTime\":null,");
        Map<String, Object> expected = new LinkedHashMap<>(record);
        expected.put("pid", 4711); // small integers read back as Integer
        assertThat(PlainJson.parse(json)).isEqualTo(expected);
    }
}
