package io.sideeye.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.config.ConfigKey;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintConfigTest {
    @TempDir
    Path dir;

    @Test
    void credentialsAreMaskedByNameAndByValue() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), """
                environment:
                  DATABASE_URL: postgres://app:db-pass-value@db:5432/app
                  REDIS_URL: redis://:redis-pass-value@cache:6379/0
                  DB_PASS: db-pass-2
                  SENTRY_DSN: https://sentry-dsn-value@o1.ingest.sentry.io/2
                  CACHE_URL: redis://cache:6379/1
                """);
        Cli.Result r = new Cli(dir).run("run", "--print-config");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(line(r.out(), "environment")).contains("\"DATABASE_URL\":\"******\"", "\"REDIS_URL\":\"******\"",
                "\"DB_PASS\":\"******\"", "\"SENTRY_DSN\":\"******\"", "\"CACHE_URL\":\"redis://cache:6379/1\"");
        assertThat(r.out()).doesNotContain("db-pass-value", "redis-pass-value", "db-pass-2", "sentry-dsn-value");
    }

    @Test
    void showsEveryKeyWithItsMergedValueAndWhereItCameFrom() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), """
                port: 8001
                restartDelay: 500
                environment: {API_TOKEN: hunter2, MODE: demo}
                profiles:
                  dev:
                    healthCheckInterval: 2s
                """);
        Cli.Result r = new Cli(dir).env("SIDEEYE_SHUTDOWN_TIMEOUT", "3s")
                .run("run", "--print-config", "--profile", "dev", "--port", "auto");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Configuration (file: " + dir.resolve("sideeye.yaml") + ", profile: dev)");
        assertThat(r.out().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(ConfigKey.values().length + 1);
        assertThat(line(r.out(), "instances")).contains("1", "default");
        assertThat(r.out()).doesNotContain("service web", "after");
        assertThat(line(r.out(), "port")).contains("auto (0)", "option --port");
        assertThat(line(r.out(), "restartDelay")).contains("500ms", "sideeye.yaml:2");
        assertThat(line(r.out(), "healthCheckInterval")).contains("2s", "profile dev, sideeye.yaml:6");
        assertThat(line(r.out(), "shutdownTimeout")).contains("3s", "environment variable SIDEEYE_SHUTDOWN_TIMEOUT");
        assertThat(line(r.out(), "startupTimeout")).contains("30s", "default");
        assertThat(line(r.out(), "projectDir")).contains(dir.toString());
        assertThat(line(r.out(), "environment")).contains("\"MODE\":\"demo\"", "\"API_TOKEN\":\"******\"");
        assertThat(r.out()).doesNotContain("hunter2");
    }

    @Test
    void jsonGivesValueSourceAndVariableOfEveryKey() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), "healthCheckInterval: 1m\n");
        Cli.Result r = new Cli(dir).run("run", "--print-config", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        JsonNode json = ServiceJson.reader().readTree(r.out());
        assertThat(json.path("file").asText()).isEqualTo(dir.resolve("sideeye.yaml").toString());
        assertThat(json.path("profile").isNull()).isTrue();
        assertThat(json.path("values").size()).isEqualTo(ConfigKey.values().length + 1);
        assertThat(json.path("defaultService").asText()).isEqualTo("web");
        assertThat(json.path("services").path("web")).isEqualTo(json.path("values"));
        JsonNode interval = json.path("values").path("healthCheckInterval");
        assertThat(interval.path("value").asText()).isEqualTo("1m");
        assertThat(interval.path("source").asText()).isEqualTo("sideeye.yaml:1");
        assertThat(interval.path("env").asText()).isEqualTo("SIDEEYE_HEALTH_CHECK_INTERVAL");
    }

    @Test
    void withServicesEveryServiceIsShownWithItsOwnSourcesAndTheTokenMasked() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), """
                healthCheckInterval: 2s
                services:
                  web: {}
                  worker:
                    health: process
                    after: [web]
                    healthCheckInterval: 9s
                  api:
                    external: http://127.0.0.1:9000
                    tokenEnv: API_TOKEN
                defaultService: worker
                """);
        Cli.Result r = new Cli(dir).env("API_TOKEN", "t0ps3cret").run("run", "--print-config", "--set", "web.port=8123");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("; services: web, worker, api, default worker)", "service web\n",
                "service worker (default)\n", "service api\n").doesNotContain("t0ps3cret");
        String web = r.out().substring(r.out().indexOf("service web"), r.out().indexOf("service worker"));
        String worker = r.out().substring(r.out().indexOf("service worker"), r.out().indexOf("service api"));
        String api = r.out().substring(r.out().indexOf("service api"));
        assertThat(line(web, "port")).contains("8123", "option --set");
        assertThat(line(web, "healthCheckInterval")).contains("2s", "sideeye.yaml:1");
        assertThat(line(worker, "healthCheckInterval")).contains("9s", "sideeye.yaml:7");
        assertThat(line(worker, "after")).contains("[\"web\"]", "sideeye.yaml:6");
        assertThat(line(worker, "port")).contains("auto (0)", "default");
        assertThat(line(api, "token")).contains("******", "sideeye.yaml:10");
    }

    @Test
    void printConfigStartsNothingAndReadsNoDefaultFileWhenThereIsNone() {
        Cli.Result r = new Cli(dir).run("run", "--print-config", "--dev", "--port", "9000");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("file: none, defaults apply");
        assertThat(line(r.out(), "isDev")).contains("true", "option --dev");
        assertThat(r.err()).isEmpty();
    }

    private static String line(String out, String key) {
        return out.lines().filter(l -> l.trim().startsWith(key + " ")).findFirst().orElseThrow();
    }
}
