package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceJsonTest {

    @Test
    void writesInstantsAsIsoText() throws Exception {
        String json = ServiceJson.writer().writeValueAsString(Map.of("at", Instant.parse("2026-01-02T03:04:05Z")));

        assertThat(json).isEqualTo("{\"at\":\"2026-01-02T03:04:05Z\"}");
    }

    @Test
    void aChangedReaderIsACopyThatLeavesTheSharedOneAlone() throws Exception {
        String trailing = "{\"a\":1} 2";
        var strict = ServiceJson.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        assertThatThrownBy(() -> strict.readTree(trailing)).isInstanceOf(JsonProcessingException.class);
        assertThat(ServiceJson.reader().readTree(trailing).get("a").asInt()).isEqualTo(1);
    }

    @Test
    void treesAndNewNodes() {
        ObjectNode tree = ServiceJson.tree(Map.of("a", 1));

        assertThat(tree.get("a").asInt()).isEqualTo(1);
        assertThat(ServiceJson.object().size()).isZero();
        assertThat(ServiceJson.object()).isNotSameAs(ServiceJson.object());
        assertThat(ServiceJson.array().size()).isZero();
    }
}
