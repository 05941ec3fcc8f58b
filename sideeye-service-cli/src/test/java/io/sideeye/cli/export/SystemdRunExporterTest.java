package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The single unit that runs {@code sideeye run}, read back from its text. */
class SystemdRunExporterTest {
    private static final List<String> SIDEEYE = List.of("/opt/sideeye/bin/sideeye");

    private static ServiceSpec service(String name, int startSeconds, int stopSeconds) {
        return new ServiceSpec(name, DjangoServiceManager.builder().startupTimeout(Duration.ofSeconds(startSeconds))
                .shutdownTimeout(Duration.ofSeconds(stopSeconds)).config(), List.of(), 1);
    }

    private static ParsedUnit unit(String profile, Duration watchdog) {
        String text = SystemdRunExporter.export(SIDEEYE, Path.of("/srv/app/sideeye.yaml"), profile,
                List.of(service("db", 20, 5), service("web", 30, 7)), watchdog).get("sideeye.service");
        return ParsedUnit.parse(text);
    }

    @Test
    void theRunIsANotifyServiceWithAWatchdogAndTheServicesTimeoutsTogether() {
        ParsedUnit unit = unit("prod", Duration.ofSeconds(30));

        assertThat(unit.get("Service", "Type")).isEqualTo("notify");
        assertThat(unit.get("Service", "NotifyAccess")).isEqualTo("all");
        assertThat(unit.get("Service", "WatchdogSec")).isEqualTo("30s");
        assertThat(unit.get("Service", "ExecStart"))
                .isEqualTo("/opt/sideeye/bin/sideeye run --config /srv/app/sideeye.yaml --profile prod");
        assertThat(unit.get("Service", "WorkingDirectory")).isEqualTo("/srv/app");
        assertThat(unit.get("Service", "TimeoutStartSec")).isEqualTo("60s"); // 20 + 30 + 10 margin
        assertThat(unit.get("Service", "TimeoutStopSec")).isEqualTo("22s"); // 5 + 7 + 10 margin
        assertThat(unit.get("Service", "KillMode")).isEqualTo("mixed");
        assertThat(unit.get("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.get("Service", "EnvironmentFile")).isEqualTo("-/etc/sideeye/sideeye.env");
        assertThat(unit.get("Install", "WantedBy")).isEqualTo("multi-user.target");
        assertThat(unit.all("Service", "Environment")).containsExactly("XDG_STATE_HOME=%S", "XDG_RUNTIME_DIR=%t");
        assertThat(unit.get("Service", "RuntimeDirectory")).isEqualTo("sideeye");
    }

    @Test
    void aZeroWatchdogWritesNoneAndNoProfileNoOption() {
        ParsedUnit unit = unit(null, Duration.ZERO);

        assertThat(unit.has("Service", "WatchdogSec")).isFalse();
        assertThat(unit.get("Service", "ExecStart")).isEqualTo("/opt/sideeye/bin/sideeye run --config /srv/app/sideeye.yaml");
    }

    @Test
    void aWatchdogUnderASecondIsRefusedWithTheRemedy() {
        assertThatThrownBy(() -> unit(null, Duration.ofMillis(30))).isInstanceOf(ExportException.class)
                .hasMessage("--watchdog: 30ms is too short; give 1s or more (e.g. 30s), or 0 for no watchdog");
    }
}
