package io.sideeye.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code services:} in the configuration: inheritance, precedence per service, flags for one service, tokens. */
class ServicesConfigTest {
    private static final String TWO_SERVICES = """
            healthCheckInterval: 2s
            restartDelay: 1s
            services:
              web:
                port: 8123
              worker:
                command: ["python3", "worker.py"]
                health: process
                after: [web]
                instances: 2
                healthCheckInterval: 5s
            """;

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();

    private ResolvedGroup load(String profile, ConfigRequest.Flag... flags) {
        return ConfigLoader.loadGroup(new ConfigRequest(null, profile, List.of(flags), env, dir));
    }

    private void write(String yaml) throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), yaml);
    }

    private static ConfigRequest.Flag set(String keyValue) {
        int eq = keyValue.indexOf('=');
        return new ConfigRequest.Flag(keyValue.substring(0, eq), keyValue.substring(eq + 1), "--set");
    }

    @Test
    void theSingleServiceFormIsOneServiceNamedWeb() throws IOException {
        write("port: 8001\ninstances: 1\n");
        ResolvedGroup group = load(null);
        assertThat(group.names()).containsExactly("web");
        assertThat(group.declared()).isFalse();
        assertThat(group.defaultService()).isEqualTo("web");
        ServiceSpec web = group.spec(null);
        assertThat(web.config().name()).isEqualTo("web");
        assertThat(web.config().port()).isEqualTo(8001);
        assertThat(web.after()).isEmpty();
        assertThat(ConfigLoader.load(new ConfigRequest(null, null, List.of(), env, dir)).config()).isEqualTo(web.config());
    }

    @Test
    void servicesInheritTheTopLevelKeysAndTheirOwnKeysWin() throws IOException {
        write(TWO_SERVICES);
        ResolvedGroup group = load(null);
        assertThat(group.names()).containsExactly("web", "worker");
        assertThat(group.defaultService()).isEqualTo("web");

        ServiceConfig web = group.spec("web").config();
        assertThat(web.port()).isEqualTo(8123);
        assertThat(web.healthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(web.healthMode()).isEqualTo(HealthMode.HTTP);
        assertThat(group.sourceOf("web", "healthCheckInterval").toString()).isEqualTo("sideeye.yaml:1");

        ServiceSpec worker = group.spec("worker");
        assertThat(worker.config().name()).isEqualTo("worker");
        assertThat(worker.config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(group.sourceOf("worker", "healthCheckInterval").toString()).isEqualTo("sideeye.yaml:11");
        assertThat(worker.config().restartDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(worker.config().healthMode()).isEqualTo(HealthMode.PROCESS);
        assertThat(worker.config().command()).containsExactly("python3", "worker.py");
        assertThat(worker.after()).containsExactly("web");
        assertThat(worker.instances()).isEqualTo(2);
        assertThat(group.sourceOf("worker", "instances").toString()).isEqualTo("sideeye.yaml:10");
    }

    @Test
    void withServicesThePortDefaultsToAutoSoServicesNeverCollide() throws IOException {
        write("services:\n  web: {}\n  worker: {health: process}\n");
        ResolvedGroup group = load(null);
        assertThat(group.spec("web").config().port()).isZero();
        assertThat(group.spec("worker").config().port()).isZero();
        assertThat(group.sourceOf("worker", "port")).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void perServicePrecedenceIsFlagOverEnvironmentOverProfileOverFileAndTheServiceWinsWithinEachLayer()
            throws IOException {
        write("""
                healthCheckInterval: 1s
                services:
                  web: {}
                  worker:
                    healthCheckInterval: 2s
                profiles:
                  dev:
                    healthCheckInterval: 3s
                    services:
                      worker:
                        healthCheckInterval: 4s
                """);
        assertThat(load(null).spec("worker").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(load(null).spec("web").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));

        ResolvedGroup dev = load("dev");
        assertThat(dev.spec("web").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(dev.spec("worker").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(4));
        assertThat(dev.sourceOf("worker", "healthCheckInterval").toString()).isEqualTo("profile dev, sideeye.yaml:11");

        env.put("SIDEEYE_HEALTH_CHECK_INTERVAL", "5s");
        ResolvedGroup withEnv = load("dev");
        assertThat(withEnv.spec("worker").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(withEnv.spec("web").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(5));

        ResolvedGroup withFlags = load("dev", set("worker.healthCheckInterval=7s"), set("healthCheckInterval=6s"));
        assertThat(withFlags.spec("web").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(6));
        assertThat(withFlags.spec("worker").config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(withFlags.sourceOf("worker", "healthCheckInterval").toString()).isEqualTo("option --set");
    }

    @Test
    void flagsAddressOneServiceAsServiceDotKey() throws IOException {
        write(TWO_SERVICES);
        ResolvedGroup group = load(null, set("worker.instances=3"), set("services.web.port=auto"),
                set("worker.after=web"));
        assertThat(group.spec("worker").instances()).isEqualTo(3);
        assertThat(group.spec("web").config().port()).isZero();
        assertThat(group.spec("worker").after()).containsExactly("web");

        assertThatThrownBy(() -> load(null, set("wroker.instances=3")))
                .hasMessage("option --set: wroker.instances: there is no service 'wroker'; did you mean 'worker'?"
                        + " services: web, worker");
    }

    @Test
    void defaultServiceNamesTheServiceCommandsAddressByDefault() throws IOException {
        write(TWO_SERVICES + "defaultService: worker\n");
        ResolvedGroup group = load(null);
        assertThat(group.defaultService()).isEqualTo("worker");
        assertThat(group.service(null).config().name()).isEqualTo("worker");
        assertThat(group.service("web").config().port()).isEqualTo(8123);
        assertThatThrownBy(() -> group.service("wokrer")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("there is no service 'wokrer' (did you mean 'worker'?)")
                .hasMessageEndingWith(": web, worker");
    }

    @Test
    void anExternalServiceTakesItsTokenFromTheFileOrTheEnvironment() throws IOException {
        write("""
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
        env.put("API_TOKEN", "from-env-1");
        env.put("OTHER_TOKEN", "from-env-2");
        ResolvedGroup group = load(null);
        assertThat(group.spec("api").config().external()).isEqualTo(URI.create("https://api.example.com/app"));
        assertThat(group.spec("api").config().apiToken()).isEqualTo("from-env-1");
        assertThat(group.spec("other").config().apiToken()).isEqualTo("from-env-2");
        assertThat(group.spec("literal").config().apiToken()).isEqualTo("s3cr3t-in-file");
        assertThat(group.sourceOf("other", "token").toString()).isEqualTo("sideeye.yaml:9");

        ConfigDiff diff = ConfigDiff.between(group.spec("literal").config(),
                group.spec("literal").config().toBuilder().apiToken("changed-secret").config());
        assertThat(diff.describe()).isEqualTo("token ****** -> ******");
    }

    @Test
    void aMissingTokenVariableIsNamedButNoTokenIsEverShown() throws IOException {
        write("services:\n  api:\n    external: http://127.0.0.1:9000\n    tokenEnv: API_TOKEN\n");
        assertThatThrownBy(() -> load(null)).isInstanceOf(ConfigException.class)
                .hasMessage("sideeye.yaml:4: services.api.tokenEnv: environment variable API_TOKEN is not set;"
                        + " export API_TOKEN with the token before starting sideeye");

        write("services:\n  api:\n    external: http://127.0.0.1:9000\n    token: \"two words secret\"\n");
        assertThatThrownBy(() -> load(null)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sideeye.yaml:4: services.api.token: contains a space")
                .hasMessageNotContaining("two words secret");
    }

    @Test
    void aTokenOnTheCommandLineIsRefusedWithoutEchoingIt() throws IOException {
        write(TWO_SERVICES);
        for (String key : List.of("token", "web.token", "services.worker.token")) {
            assertThatThrownBy(() -> load(null, set(key + "=hunter2"))).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("option --set: " + key + ": a token cannot be given on the command line")
                    .hasMessageContaining("tokenEnv: VARIABLE")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void theTokenIsNotReadFromASideeyeVariable() {
        env.put("SIDEEYE_TOKEN", "leaked");
        ResolvedGroup group = load(null);
        assertThat(group.spec(null).config().apiToken()).isNull();
        assertThat(group.warnings()).containsExactly("environment variable SIDEEYE_TOKEN is ignored: a service's token"
                + " is read from the variable its configuration names ('tokenEnv: SIDEEYE_TOKEN')");
    }

    @Test
    void aProfileChangesOnlyDeclaredServices() throws IOException {
        write(TWO_SERVICES + "profiles:\n  prod:\n    services:\n      wroker: {instances: 4}\n");
        assertThatThrownBy(() -> load(null)).isInstanceOf(ConfigException.class)
                .hasMessage("profile prod, sideeye.yaml:15: profiles.prod.services: there is no service 'wroker';"
                        + " did you mean 'worker'? a profile changes the services declared under the top-level"
                        + " 'services:' (web, worker)");
    }
}
