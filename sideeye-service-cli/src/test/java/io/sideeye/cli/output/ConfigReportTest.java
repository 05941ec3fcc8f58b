package io.sideeye.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.config.ConfigLoader;
import io.sideeye.config.ConfigRequest;
import io.sideeye.config.ResolvedGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --print-config} as text and JSON: tokens are never shown. */
class ConfigReportTest {
    @TempDir
    Path dir;

    @Test
    void theReportShowsNoTokenFromTheFileOrTheEnvironment() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), """
                services:
                  web: {}
                  api:
                    external: https://api.example.com/app
                    allowRemoteHost: true
                    token: ${API_TOKEN}
                  other:
                    external: http://127.0.0.1:9000
                    tokenEnv: OTHER_TOKEN
                  literal:
                    external: http://127.0.0.1:9001
                    token: s3cr3t-in-file
                """);
        Map<String, String> env = Map.of("API_TOKEN", "from-env-1", "OTHER_TOKEN", "from-env-2");
        ResolvedGroup group = ConfigLoader.loadGroup(new ConfigRequest(null, null, List.of(), env, dir));

        String report = ConfigReport.text(group, Style.PLAIN) + ConfigReport.json(group);
        assertThat(report).contains("******").doesNotContain("from-env-1", "from-env-2", "s3cr3t-in-file");
    }
}
