package io.sideeye.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming-only trees equal the data-binding mapper's, read and written. */
class LightJsonTest {
    private static final String REPLY = "{\"success\":true,\"data\":{\"services\":{\"web\":[{\"state\":\"RUNNING\","
            + "\"pid\":4711,\"port\":8000,\"uptimeMs\":12345678901,\"ratio\":0.25,\"big\":123456789012345678901234567890,"
            + "\"lastError\":null,\"healthy\":false,\"tags\":[\"a\",\"é\\n\\\"q\\\"\"]}]},\"default\":\"web\"}}";

    @Test
    void readsTheSameTreeAsTheMapper() throws IOException {
        JsonNode light = LightJson.read(REPLY.getBytes(StandardCharsets.UTF_8));
        JsonNode mapper = ServiceJson.reader().readTree(REPLY);

        assertThat(light).isEqualTo(mapper);
        assertThat(light.path("data").path("services").path("web").get(0).path("pid").isInt()).isTrue();
        assertThat(light.path("data").path("services").path("web").get(0).path("uptimeMs").isLong()).isTrue();
    }

    @Test
    void writesWhatTheMapperWrites() throws IOException {
        JsonNode tree = ServiceJson.reader().readTree(REPLY);

        assertThat(LightJson.write(tree)).isEqualTo(ServiceJson.writer().writeValueAsString(tree));
        assertThat(LightJson.pretty(tree)).isEqualTo(ServiceJson.writer().withDefaultPrettyPrinter()
                .writeValueAsString(tree));
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        assertThatThrownBy(() -> LightJson.read("")).isInstanceOf(IOException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> LightJson.read("{\"a\": 1} 2")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> LightJson.read("{\"a\": ")).isInstanceOf(IOException.class);
    }
}
