package io.sideeye.service.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
