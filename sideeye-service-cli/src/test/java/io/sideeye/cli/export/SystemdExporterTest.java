package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthMode;
import io.sideeye.service.LaunchPlan;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every mapped field of the units, read back from the written text. */
class SystemdExporterTest {
    private static final List<String> SIDEEYE = List.of("/opt/sideeye/bin/sideeye");
    private static final String STATE = "--state-file %t/sideeye/sideeye-web.unhealthy";

    private static ServiceBuilder web() {
        return DjangoServiceManager.builder().port(8000).healthCheckInterval(Duration.ofSeconds(5))
                .healthCheckTimeout(Duration.ofSeconds(2)).unhealthyThreshold(4).startupTimeout(Duration.ofSeconds(20))
                .shutdownTimeout(Duration.ofSeconds(7)).restartDelay(Duration.ofSeconds(1))
                .maxRestartDelay(Duration.ofSeconds(8)).maxRestartAttempts(5).restartResetAfter(Duration.ofMinutes(1));
    }

    private static LaunchPlan plan(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("DJANGO_SETTINGS_MODULE", "app.settings");
        env.put("SIDEEYE_SECRET_KEY", "top-secret-value");
        env.put("DB_PASSWORD", "hunter2");
        env.put("GREETING", "hello world");
        env.put("DATABASE_URL", "postgres://app:db-pass-value@db:5432/app");
        env.put("REDIS_URL", "redis://:redis-pass-value@cache:6379/0");
        env.put("SENTRY_DSN", "https://sentry-dsn-value@o1.ingest.sentry.io/2");
        env.put("DB_PASS", "db-pass-2");
        env.put("CACHE_URL", "redis://cache:6379/1");
        return new LaunchPlan(List.of("/usr/bin/python3", "-m", "waitress", "--listen=127.0.0.1:" + port,
                "app.wsgi:application"), Path.of("/srv/app"), env, "/usr/bin/python3", "waitress",
                URI.create("http://127.0.0.1:" + port + "/api/health/"));
    }

    private static SystemdInstance instance(String service, int n, int of, String unit, ServiceConfig config,
                                            List<String> requires) {
        return new SystemdInstance(service, n, of, unit, config, plan(config.port()), requires,
                "/etc/sideeye/sideeye-" + service + ".env");
    }

    private static Map<String, String> export(SystemdInstance... instances) {
        return new SystemdExporter(SIDEEYE).export(List.of(instances));
    }

    @Test
    void anHttpServiceGetsItsUnitAndAHealthWatchdogPair() {
        Map<String, String> files = export(instance("web", 1, 1, "sideeye-web", web().config(), List.of()));

        assertThat(files).containsOnlyKeys("sideeye-web.service", "sideeye-web-health.service",
                "sideeye-web-health.timer");
    }

    @Test
    void theServiceRunsTheArgvInTheProjectWithTheRestartAndStopPolicy() {
        ParsedUnit unit = ParsedUnit.parse(export(instance("web", 1, 1, "sideeye-web", web().config(), List.of()))
                .get("sideeye-web.service"));

        assertThat(unit.sections()).containsExactly("Unit", "Service", "Install");
        assertThat(unit.get("Service", "Type")).isEqualTo("exec");
        assertThat(unit.get("Service", "ExecStart"))
                .isEqualTo("/usr/bin/python3 -m waitress --listen=127.0.0.1:8000 app.wsgi:application");
        assertThat(unit.get("Service", "WorkingDirectory")).isEqualTo("/srv/app");
        assertThat(unit.get("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.get("Service", "RestartSec")).isEqualTo("1s");
        assertThat(unit.get("Service", "RestartSteps")).isEqualTo("3"); // 1, 2, 4, then 8
        assertThat(unit.get("Service", "RestartMaxDelaySec")).isEqualTo("8s");
        assertThat(unit.get("Unit", "StartLimitBurst")).isEqualTo("6");
        assertThat(unit.get("Unit", "StartLimitIntervalSec")).isEqualTo((6 * 60 + 1 + 2 + 4 + 8 + 8) + "s");
        assertThat(unit.get("Service", "TimeoutStopSec")).isEqualTo("7s");
        assertThat(unit.get("Service", "TimeoutStartSec")).isEqualTo("30s"); // startupTimeout + the check's margin
        assertThat(unit.get("Service", "KillMode")).isEqualTo("control-group");
        assertThat(unit.get("Service", "KillSignal")).isEqualTo("SIGTERM");
        assertThat(unit.get("Install", "WantedBy")).isEqualTo("multi-user.target");
        assertThat(unit.comments()).anyMatch(c -> c.contains("RestartSteps and RestartMaxDelaySec need systemd 254"));
    }

    @Test
    void startedMeansHealthyAsInTheManager() {
        ParsedUnit unit = ParsedUnit.parse(export(instance("web", 1, 1, "sideeye-web", web().config(), List.of()))
                .get("sideeye-web.service"));

        assertThat(unit.get("Service", "ExecStartPost")).isEqualTo("/opt/sideeye/bin/sideeye health --url"
                + " http://127.0.0.1:8000/api/health/ --timeout 2s --wait 20s " + STATE);
        assertThat(unit.get("Unit", "Wants")).isEqualTo("sideeye-web-health.timer");
    }

    @Test
    void secretsAreNeverWrittenOnlyNamedWithTheFileToPutThemIn() {
        Map<String, String> files = export(instance("web", 1, 1, "sideeye-web", web().config(), List.of()));
        ParsedUnit unit = ParsedUnit.parse(files.get("sideeye-web.service"));

        assertThat(unit.all("Service", "Environment")).containsExactly("\"PYTHONUNBUFFERED=1\"",
                "\"DJANGO_SETTINGS_MODULE=app.settings\"", "\"GREETING=hello world\"",
                "\"CACHE_URL=redis://cache:6379/1\"");
        assertThat(unit.comments()).anyMatch(c -> c.contains("(SIDEEYE_SECRET_KEY, DB_PASSWORD, DATABASE_URL,"
                + " REDIS_URL, SENTRY_DSN, DB_PASS)") && c.contains("SIDEEYE_API_TOKEN"));
        assertThat(String.join("", files.values())).doesNotContain("top-secret-value", "hunter2", "db-pass-value",
                "redis-pass-value", "sentry-dsn-value", "db-pass-2");
    }

    @Test
    void theTokenIsMandatoryAndEveryFileTheServiceWritesIsPrivate() {
        Map<String, String> files = export(instance("web", 1, 1, "sideeye-web", web().config(), List.of()));
        ParsedUnit unit = ParsedUnit.parse(files.get("sideeye-web.service"));
        ParsedUnit check = ParsedUnit.parse(files.get("sideeye-web-health.service"));

        // no "-": without the file (and the token in it) the service does not start with an open API
        assertThat(unit.get("Service", "EnvironmentFile")).isEqualTo("/etc/sideeye/sideeye-web.env");
        assertThat(check.get("Service", "EnvironmentFile")).isEqualTo("/etc/sideeye/sideeye-web.env");
        assertThat(unit.comments()).anyMatch(c -> c.contains("SIDEEYE_API_TOKEN=") && c.contains("-m 600") && c.endsWith(" /etc/sideeye/sideeye-web.env"));
        assertThat(unit.get("Service", "UMask")).isEqualTo("0077");
        assertThat(unit.get("Service", "StateDirectory")).isEqualTo("sideeye");
        assertThat(unit.get("Service", "StateDirectoryMode")).isEqualTo("0700");
    }

    @Test
    void theWatchdogRestartsTheServiceAfterTheThreshold() {
        Map<String, String> files = export(instance("web", 1, 1, "sideeye-web", web().config(), List.of()));
        ParsedUnit check = ParsedUnit.parse(files.get("sideeye-web-health.service"));
        ParsedUnit timer = ParsedUnit.parse(files.get("sideeye-web-health.timer"));

        assertThat(check.get("Service", "Type")).isEqualTo("oneshot");
        assertThat(check.get("Service", "ExecStart")).isEqualTo("/opt/sideeye/bin/sideeye health --url"
                + " http://127.0.0.1:8000/api/health/ --timeout 2s --threshold 4 --restart-unit sideeye-web.service "
                + STATE);
        assertThat(check.get("Service", "EnvironmentFile")).isEqualTo("/etc/sideeye/sideeye-web.env");
        assertThat(check.get("Unit", "StartLimitIntervalSec")).isEqualTo("0");
        assertThat(timer.get("Timer", "OnUnitActiveSec")).isEqualTo("5s");
        assertThat(timer.get("Timer", "OnActiveSec")).isEqualTo("5s");
        assertThat(timer.get("Timer", "Unit")).isEqualTo("sideeye-web-health.service");
        assertThat(timer.get("Unit", "BindsTo")).isEqualTo("sideeye-web.service");
        assertThat(timer.get("Unit", "After")).isEqualTo("sideeye-web.service");
    }

    @Test
    void aProcessCheckedServiceHasNoWatchdogAndNoReadinessWait() {
        ServiceConfig worker = web().healthMode(HealthMode.PROCESS).config();
        Map<String, String> files = export(instance("worker", 1, 1, "sideeye-worker", worker, List.of()));
        ParsedUnit unit = ParsedUnit.parse(files.get("sideeye-worker.service"));

        assertThat(files).containsOnlyKeys("sideeye-worker.service");
        assertThat(unit.has("Service", "ExecStartPost")).isFalse();
        assertThat(unit.has("Service", "TimeoutStartSec")).isFalse();
        assertThat(unit.has("Unit", "Wants")).isFalse();
        assertThat(unit.get("Service", "Restart")).isEqualTo("on-failure");
    }

    @Test
    void copiesAreUnitsOfTheirOwnThatRequireEveryCopyTheyRunAfter() {
        ServiceConfig worker = web().port(0).healthMode(HealthMode.PROCESS).config();
        Map<String, String> files = export(
                instance("worker", 1, 2, "sideeye-worker-1", worker.toBuilder().port(8001).config(),
                        List.of("sideeye-web-1", "sideeye-web-2")),
                instance("worker", 2, 2, "sideeye-worker-2", worker.toBuilder().port(8002).config(),
                        List.of("sideeye-web-1", "sideeye-web-2")));
        ParsedUnit second = ParsedUnit.parse(files.get("sideeye-worker-2.service"));

        assertThat(files).containsOnlyKeys("sideeye-worker-1.service", "sideeye-worker-2.service");
        assertThat(second.get("Unit", "Description")).isEqualTo("SideEye service worker (copy 2 of 2)");
        assertThat(second.all("Unit", "Requires")).containsExactly("sideeye-web-1.service", "sideeye-web-2.service");
        assertThat(second.all("Unit", "After")).containsExactly("network.target", "sideeye-web-1.service",
                "sideeye-web-2.service");
        assertThat(second.get("Service", "ExecStart")).contains("--listen=127.0.0.1:8002");
        assertThat(second.get("Service", "EnvironmentFile")).isEqualTo("/etc/sideeye/sideeye-worker.env");
    }

    @Test
    void noRestartAttemptsMeansNoRestartAndNoStartLimit() {
        ParsedUnit unit = ParsedUnit.parse(export(instance("web", 1, 1, "sideeye-web", web().maxRestartAttempts(0)
                .config(), List.of())).get("sideeye-web.service"));

        assertThat(unit.get("Service", "Restart")).isEqualTo("no");
        assertThat(unit.has("Service", "RestartSec")).isFalse();
        assertThat(unit.has("Unit", "StartLimitBurst")).isFalse();
    }

    @Test
    void aConstantBackoffNeedsNoSteps() {
        ParsedUnit unit = ParsedUnit.parse(export(instance("web", 1, 1, "sideeye-web", web()
                .restartDelay(Duration.ofMillis(1500)).maxRestartDelay(Duration.ofMillis(1500)).config(), List.of()))
                .get("sideeye-web.service"));

        assertThat(unit.get("Service", "RestartSec")).isEqualTo("1500ms");
        assertThat(unit.has("Service", "RestartSteps")).isFalse();
        assertThat(unit.has("Service", "RestartMaxDelaySec")).isFalse();
    }

    @Test
    void aZeroShutdownTimeoutKillsAtOnceInsteadOfWaitingForever() {
        ParsedUnit unit = ParsedUnit.parse(export(instance("web", 1, 1, "sideeye-web",
                web().shutdownTimeout(Duration.ZERO).config(), List.of())).get("sideeye-web.service"));

        assertThat(unit.get("Service", "TimeoutStopSec")).isEqualTo("1ms");
    }
}
