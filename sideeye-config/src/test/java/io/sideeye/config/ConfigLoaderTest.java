package io.sideeye.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(dir.resolve("backend"));
    }

    private ResolvedConfig load(Path file, String profile, ConfigRequest.Flag... flags) {
        return ConfigLoader.load(new ConfigRequest(file, profile, List.of(flags), env, dir));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void withoutAnyFileEveryValueIsTheBuildersDefault() {
        ResolvedConfig r = load(null, null);
        ServiceConfig defaults = io.sideeye.service.DjangoServiceManager.builder().config();
        assertThat(r.file()).isNull();
        for (ConfigKey key : ConfigKey.values()) {
            if (key != ConfigKey.PROJECT_DIR) {
                assertThat(key.valueIn(r.config())).as(key.key()).isEqualTo(key.valueIn(defaults));
            }
            assertThat(r.sourceOf(key)).isEqualTo(ConfigSource.DEFAULT);
        }
    }

    @Test
    void readsEverySeedKeyFromSideeyeYamlWithTheLineItWasWrittenOn() throws IOException {
        write("sideeye.yaml", """
                # the seed's keys
                port: 8123
                host: 127.0.0.1
                isDev: false
                maxRestartAttempts: 5
                restartDelay: 500ms
                healthCheckInterval: 2s
                startupTimeout: 1m
                shutdownTimeout: 1500
                """);
        ResolvedConfig r = load(null, null);
        ServiceConfig c = r.config();
        assertThat(r.file()).isEqualTo(dir.resolve("sideeye.yaml"));
        assertThat(c.port()).isEqualTo(8123);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.maxRestartAttempts()).isEqualTo(5);
        assertThat(c.restartDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.healthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.startupTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(r.sourceOf(ConfigKey.PORT)).isEqualTo(ConfigSource.file("sideeye.yaml", 2));
        assertThat(r.sourceOf(ConfigKey.SHUTDOWN_TIMEOUT).toString()).isEqualTo("sideeye.yaml:9");
    }

    @Test
    void readsTheRestOfTheBuildersOptions() throws IOException {
        write("sideeye.yaml", """
                port: auto
                allowRemoteHost: true
                maxRestartDelay: 1.5m
                restartResetAfter: 2m
                healthCheckTimeout: 750ms
                unhealthyThreshold: 4
                apiTimeout: 3s
                projectDir: backend
                python: .venv/bin/python
                server: Waitress
                settingsModule: app.settings
                wsgiApplication: app.wsgi:application
                command: [python3, "-m", waitress, "--port={port}", "app.wsgi:application"]
                environment: {SIDEEYE_DEBUG: 1, NAME: "two words"}
                healthPath: /healthz/
                apiBasePath: /v2/
                logBufferLines: 50
                maxResponseBytes: 2MiB
                runtimeDir: run
                """);
        ServiceConfig c = load(null, null).config();
        assertThat(c.port()).isZero();
        assertThat(c.allowRemoteHost()).isTrue();
        assertThat(c.maxRestartDelay()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.restartResetAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.healthCheckTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.unhealthyThreshold()).isEqualTo(4);
        assertThat(c.apiTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.projectDir()).isEqualTo(dir.resolve("backend"));
        assertThat(c.python()).isEqualTo(dir.resolve(".venv/bin/python").toString());
        assertThat(c.server()).isEqualTo(ServerKind.WAITRESS);
        assertThat(c.settingsModule()).isEqualTo("app.settings");
        assertThat(c.wsgiApplication()).isEqualTo("app.wsgi:application");
        assertThat(c.command()).containsExactly("python3", "-m", "waitress", "--port={port}", "app.wsgi:application");
        assertThat(c.environment()).containsEntry("SIDEEYE_DEBUG", "1").containsEntry("NAME", "two words");
        assertThat(c.healthPath()).isEqualTo("/healthz/");
        assertThat(c.apiBasePath()).isEqualTo("/v2");
        assertThat(c.logBufferLines()).isEqualTo(50);
        assertThat(c.maxResponseBytes()).isEqualTo(2L << 20);
        assertThat(c.runtimeDir()).isEqualTo(dir.resolve("run"));
    }

    @Test
    void theHealthModesForAProjectWithoutTheHealthAppAreKeysVariablesAndFlags() throws IOException {
        write("sideeye.yaml", """
                healthPath: /status/
                healthStatus: [200, 204]
                healthBodyContains: ok
                """);
        ServiceConfig c = load(null, null).config();
        assertThat(c.healthStatus()).containsExactly(200, 204);
        assertThat(c.healthBodyContains()).isEqualTo("ok");
        assertThat(c.identityChecked()).isFalse();

        env.put("SIDEEYE_HEALTH_STATUS", "200,301");
        assertThat(load(null, null).config().healthStatus()).containsExactly(200, 301);
        env.clear();

        write("sideeye.yaml", "health: tcp\n");
        assertThat(load(null, null).config().healthMode()).isEqualTo(io.sideeye.service.HealthMode.TCP);
        assertThatThrownBy(() -> ValueType.STATUS_CODES.convert(List.of(200, "ok"), dir))
                .hasMessageStartingWith("'ok' is not a list of HTTP status codes");
        assertThatThrownBy(() -> ValueType.HEALTH.convert("socket", dir)).hasMessageContaining("or tcp");
    }

    @Test
    void pathsInAFileAreRelativeToThatFilesFolderAndFlagPathsToTheWorkingDirectory() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(conf.resolve("app"));
        Files.writeString(conf.resolve("sideeye.yaml"), "projectDir: app\n");
        assertThat(load(Path.of("conf/sideeye.yaml"), null).config().projectDir()).isEqualTo(conf.resolve("app"));
        assertThat(load(Path.of("conf/sideeye.yaml"), null, new ConfigRequest.Flag("projectDir", "backend", "--project"))
                .config().projectDir()).isEqualTo(dir.resolve("backend"));
    }

    @Test
    void precedenceIsFlagsOverEnvironmentOverProfileOverFileOverDefaults() throws IOException {
        write("sideeye.yaml", """
                healthCheckInterval: 1s
                profiles:
                  dev:
                    healthCheckInterval: 2s
                """);
        env.put("SIDEEYE_HEALTH_CHECK_INTERVAL", "3s");
        ConfigRequest.Flag flag = new ConfigRequest.Flag("healthCheckInterval", "4s", "--set");

        ResolvedConfig all = load(null, "dev", flag);
        assertThat(all.config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(4));
        assertThat(all.sourceOf(ConfigKey.HEALTH_CHECK_INTERVAL).toString()).isEqualTo("option --set");

        ResolvedConfig noFlag = load(null, "dev");
        assertThat(noFlag.config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(noFlag.sourceOf(ConfigKey.HEALTH_CHECK_INTERVAL).toString())
                .isEqualTo("environment variable SIDEEYE_HEALTH_CHECK_INTERVAL");

        env.clear();
        ResolvedConfig profile = load(null, "dev");
        assertThat(profile.config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(profile.sourceOf(ConfigKey.HEALTH_CHECK_INTERVAL).toString()).isEqualTo("profile dev, sideeye.yaml:4");

        ResolvedConfig file = load(null, null);
        assertThat(file.config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(file.sourceOf(ConfigKey.HEALTH_CHECK_INTERVAL).toString()).isEqualTo("sideeye.yaml:1");

        Files.delete(dir.resolve("sideeye.yaml"));
        ResolvedConfig defaults = load(null, null);
        assertThat(defaults.config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.sourceOf(ConfigKey.HEALTH_CHECK_INTERVAL)).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void theProfileComesFromSideeyeProfileWhenNoOptionNamesIt() throws IOException {
        write("sideeye.yaml", "port: 8000\nprofiles:\n  prod: {port: 9000}\n  dev: {port: auto}\n");
        env.put("SIDEEYE_PROFILE", "prod");
        assertThat(load(null, null).config().port()).isEqualTo(9000);
        assertThat(load(null, null).profile()).isEqualTo("prod");
        assertThat(load(null, "dev").config().port()).isZero();
    }

    @Test
    void theFileComesFromTheOptionThenSideeyeConfigThenTheWorkingDirectory() throws IOException {
        write("sideeye.yaml", "port: 1001\n");
        write("other.yaml", "port: 1002\n");
        write("third.json", "{\"port\": 1003}");
        assertThat(load(null, null).config().port()).isEqualTo(1001);
        env.put("SIDEEYE_CONFIG", "other.yaml");
        assertThat(load(null, null).config().port()).isEqualTo(1002);
        assertThat(load(Path.of("third.json"), null).config().port()).isEqualTo(1003);
        assertThat(load(Path.of("third.json"), null).sourceOf(ConfigKey.PORT).toString()).isEqualTo("third.json:1");
    }

    @Test
    void environmentVariablesAreNamedAfterTheKeysInUpperSnakeCase() {
        assertThat(ConfigKey.PORT.envName()).isEqualTo("SIDEEYE_PORT");
        assertThat(ConfigKey.IS_DEV.envName()).isEqualTo("SIDEEYE_IS_DEV");
        assertThat(ConfigKey.HEALTH_CHECK_INTERVAL.envName()).isEqualTo("SIDEEYE_HEALTH_CHECK_INTERVAL");
        env.put("SIDEEYE_PORT", "8001");
        env.put("SIDEEYE_IS_DEV", "yes");
        env.put("SIDEEYE_COMMAND", "[\"python3\", \"app.py\", \"{port}\"]");
        env.put("SIDEEYE_ENVIRONMENT", "{\"A\": \"b\"}");
        ServiceConfig c = load(null, null).config();
        assertThat(c.port()).isEqualTo(8001);
        assertThat(c.dev()).isTrue();
        assertThat(c.command()).containsExactly("python3", "app.py", "{port}");
        assertThat(c.environment()).containsExactly(Map.entry("A", "b"));
    }

    @Test
    void aMisspelledSideeyeVariableIsReportedAsAWarningWithTheLikelyName() {
        env.put("SIDEEYE_HEALTH_INTERVAL", "1s");
        env.put("SIDEEYE_DATA_DIR", "/tmp/data"); // meant for the backend: no warning
        ResolvedConfig r = load(null, null);
        assertThat(r.warnings()).containsExactly("environment variable SIDEEYE_HEALTH_INTERVAL is not a setting and is"
                + " ignored; did you mean SIDEEYE_HEALTH_CHECK_INTERVAL?");
    }

    @Test
    void theLaunchersOwnVariablesAreNotMistakenForSettings() {
        env.put("SIDEEYE_JAVA", "/opt/jdk/bin/java");
        env.put("SIDEEYE_JAVA_OPTS", "-Xmx64m");
        env.put("SIDEEYE_NO_CDS", "1");
        assertThat(load(null, null).warnings()).isEmpty();
    }

    @Test
    void nullMeansDiscoverForTheOptionalKeys() throws IOException {
        write("sideeye.yaml", "python: null\nsettingsModule:\n");
        ResolvedConfig r = load(null, null);
        assertThat(r.config().python()).isNull();
        assertThat(r.config().settingsModule()).isNull();
    }

    @Test
    void flagsOnlyIgnoresFilesAndTheEnvironment() throws IOException {
        write("sideeye.yaml", "port: 1001\n");
        ResolvedConfig r = ConfigLoader.load(ConfigRequest.flagsOnly(
                List.of(new ConfigRequest.Flag("port", "auto", "--port")), dir));
        assertThat(r.file()).isNull();
        assertThat(r.config().port()).isZero();
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        write("sideeye.yaml", "# nothing set yet\n");
        assertThat(load(null, null).config().port()).isEqualTo(8000);
    }
}
