package io.sideeye.service;

import io.sideeye.service.time.DurationText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidationTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("port", b -> b.port(-1), "-1 is out of range", "0 (pick a free port) to 65535"),
                bad("port", b -> b.port(65536), "65536 is out of range"),
                bad("host", b -> b.host(" "), "must not be empty"),
                bad("host", b -> b.host("0.0.0.0"), "'0.0.0.0' is not a loopback address", "allowRemoteHost(true)"),
                bad("host", b -> b.host("example.com"), "not a loopback"),
                bad("maxRestartAttempts", b -> b.maxRestartAttempts(-1), "-1 is negative"),
                bad("unhealthyThreshold", b -> b.unhealthyThreshold(0), "0 is out of range"),
                bad("restartDelay", b -> b.restartDelay(Duration.ofMillis(-5)), "-5ms is out of range"),
                bad("healthCheckInterval", b -> b.healthCheckInterval(Duration.ZERO), "a positive duration"),
                bad("startupTimeout", b -> b.startupTimeout(null), "must be set"),
                bad("shutdownTimeout", b -> b.shutdownTimeout(Duration.ofDays(366)), "at most 365 days"),
                bad("apiTimeout", b -> b.apiTimeout(Duration.ofSeconds(Long.MAX_VALUE)), "is out of range",
                        "at most 365 days"),
                bad("maxRestartDelay", b -> b.restartDelay(Duration.ofSeconds(5)).maxRestartDelay(Duration.ofSeconds(1)),
                        "shorter than restartDelay 5s"),
                bad("command", b -> b.command(List.of("", "x")), "first element must be the executable"),
                bad("projectDir", b -> b.projectDir(Path.of("/no/such/dir")), "/no/such/dir does not exist",
                        "manage.py"),
                bad("environment", b -> b.environment(Map.of("A=B", "x")), "'A=B' is not a valid variable name"),
                bad("healthPath", b -> b.healthPath("api/health"), "not an absolute URL path"),
                bad("healthPath", b -> b.healthPath("//evil/"), "not an absolute URL path"),
                bad("port", b -> b.dev(true).port(0), "cannot be used with dev mode"),
                bad("logBufferLines", b -> b.logBufferLines(0), "0 is out of range"),
                bad("name", b -> b.name("Web"), "'Web' is not a valid service name", "lower-case letter"),
                bad("name", b -> b.name("worker#0"), "'worker#0' is not a valid service name", "worker#2"),
                bad("name", b -> b.name("a".repeat(64)), "is not a valid service name"),
                bad("external", b -> b.external("ftp://127.0.0.1/x"), "is not an http or https URL"),
                bad("external", b -> b.external("127.0.0.1:8000"), "is not an http or https URL"),
                bad("external", b -> b.external("http://user:hunter2@127.0.0.1:8000"), "user info", "apiToken"),
                bad("external", b -> b.external("http://127.0.0.1:8000/app?x=1"), "has a query or fragment"),
                bad("external", b -> b.external("http://127.0.0.1:8000/#top"), "has a query or fragment"),
                bad("external", b -> b.external("http://127.0.0.1:8000/a/../b"), "unusable path prefix"),
                bad("external", b -> b.external("http://[bad"), "is not a valid URL"),
                bad("external", b -> b.external("https://api.example.com"), "https://api.example.com is on another"
                        + " machine (api.example.com is not a loopback address)", "allowRemoteHost(true)"),
                bad("external", b -> b.dev(true).external("http://127.0.0.1:8000"), "set only external"),
                bad("healthMode", b -> b.healthMode(HealthMode.PROCESS).external("http://127.0.0.1:8000"),
                        "process needs a process of ours", "use healthMode http"),
                bad("healthMode", b -> b.healthMode(HealthMode.PROCESS).dev(true), "in dev mode"),
                bad("apiToken", b -> b.apiToken("abc\r\nX-Evil: 1"), "line break"),
                bad("wsgiApplication", b -> b.wsgiApplication("--config=evil.py"), "'--config=evil.py' starts with '-'",
                        "module:attribute"),
                bad("wsgiApplication", b -> b.wsgiApplication(" -c"), "starts with '-'"));
    }

    private static Arguments bad(String field, UnaryOperator<ServiceBuilder> change, String... fragments) {
        return Arguments.of(field, change, fragments);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badValues")
    void invalidValuesNameTheFieldAndTheRemedy(String field, UnaryOperator<ServiceBuilder> change, String[] fragments) {
        assertThatThrownBy(() -> change.apply(DjangoServiceManager.builder()).config())
                .isInstanceOfSatisfying(ServiceConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ":").contains(fragments);
                });
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServiceConfig c = DjangoServiceManager.builder().config();
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.connectHost()).isEqualTo("127.0.0.1");
        assertThat(c.maxRestartAttempts()).isEqualTo(3);
        assertThat(c.restartDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.maxRestartDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.restartResetAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.healthCheckInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.healthCheckTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.unhealthyThreshold()).isEqualTo(3);
        assertThat(c.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.apiTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.server()).isEqualTo(ServerKind.AUTO);
        assertThat(c.healthPath()).isEqualTo("/api/health/");
        assertThat(c.apiBasePath()).isEqualTo("/api");
        assertThat(c.dev()).isFalse();
        assertThat(c.name()).isEqualTo("web");
        assertThat(c.healthMode()).isEqualTo(HealthMode.HTTP);
        assertThat(c.external()).isNull();
        assertThat(c.apiToken()).isNull();
        assertThat(c.attached()).isFalse();
    }

    @Test
    void anExternalUrlIsNormalisedAndNeedsNoProjectFolder() {
        ServiceConfig c = DjangoServiceManager.builder().external("HTTP://127.0.0.1:8000/app/").port(0)
                .projectDir(Path.of("/no/such/dir")).config();
        assertThat(c.external()).hasToString("http://127.0.0.1:8000/app");
        assertThat(c.attached()).isTrue();
        assertThat(c.externalUrl()).isEqualTo(c.external());
        ServiceConfig remote = DjangoServiceManager.builder().external("https://api.example.com")
                .allowRemoteHost(true).config();
        assertThat(remote.external()).hasToString("https://api.example.com");
        assertThat(DjangoServiceManager.builder().dev(true).config().externalUrl()).hasToString("http://127.0.0.1:8000");
        assertThat(DjangoServiceManager.builder().external("http://[::1]:9000").config().external())
                .hasToString("http://[::1]:9000");
    }

    @Test
    void theApiTokenNeverAppearsInTheConfigurationsTextNorInErrors() {
        ServiceConfig c = DjangoServiceManager.builder().external("http://127.0.0.1:8000").apiToken("  s3cr3t-token\n")
                .config();
        assertThat(c.apiToken()).isEqualTo("s3cr3t-token");
        assertThat(c.toString()).contains("apiToken=<redacted>", "external=http://127.0.0.1:8000")
                .doesNotContain("s3cr3t");
        assertThatThrownBy(() -> DjangoServiceManager.builder().apiToken("s3cr3t token").config())
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> DjangoServiceManager.builder().external("http://me:s3cr3t@127.0.0.1:8000").config())
                .hasMessageNotContaining("s3cr3t").hasMessageContaining("http://<user-info>@127.0.0.1:8000");
        assertThatThrownBy(() -> DjangoServiceManager.builder().external("http://me:s3cr3t@[bad").config())
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void replicaNamesAreAccepted() {
        assertThat(DjangoServiceManager.builder().name("worker#12").config().name()).isEqualTo("worker#12");
        assertThat(DjangoServiceManager.builder().name("my_api-2").config().name()).isEqualTo("my_api-2");
    }

    @Test
    void loopbackHostsAreAccepted() {
        for (String host : List.of("localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost.")) {
            assertThat(DjangoServiceManager.builder().host(host).config().host()).isEqualTo(host);
        }
        assertThat(DjangoServiceManager.builder().host("0.0.0.0").allowRemoteHost(true).config().host())
                .isEqualTo("0.0.0.0");
    }

    @Test
    void toBuilderRoundTrips() {
        ServiceConfig c = DjangoServiceManager.builder().port(0).environment(Map.of("A", "1"))
                .command(List.of("x", "{port}")).config();
        assertThat(c.toBuilder().config()).isEqualTo(c);
    }

    @Test
    void durationsAreFormattedLikeConfigFiles() {
        assertThat(DurationText.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationText.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DurationText.format(Duration.ofMinutes(1))).isEqualTo("1m");
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationText.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
