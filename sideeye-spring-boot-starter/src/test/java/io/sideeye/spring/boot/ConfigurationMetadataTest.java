package io.sideeye.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata IDEs read to complete {@code sideeye.*}: every property, described, with its default. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribedAndDefaultsAreStated() throws IOException {
        Map<String, JsonNode> properties = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            new ObjectMapper().readTree(in).get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
        }

        assertThat(properties).containsKeys("sideeye.enabled", "sideeye.project-dir", "sideeye.port",
                "sideeye.health-check-interval", "sideeye.environment", "sideeye.command",
                "sideeye.lifecycle.auto-startup", "sideeye.lifecycle.phase", "sideeye.lifecycle.fail-on-start-error");
        assertThat(properties.values()).allSatisfy(p -> assertThat(p.path("description").asText())
                .as(p.get("name").asText()).isNotBlank());
        assertThat(properties.get("sideeye.port").get("defaultValue").asInt()).isEqualTo(8000);
        assertThat(properties.get("sideeye.restart-delay").get("defaultValue").asText()).isEqualTo("2s");
        assertThat(properties.get("sideeye.lifecycle.phase").get("defaultValue").asInt())
                .isEqualTo(SideEyeLifecycle.DEFAULT_PHASE);
    }
}
