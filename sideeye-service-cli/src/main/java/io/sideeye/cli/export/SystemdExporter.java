package io.sideeye.cli.export;

import io.sideeye.config.Secrets;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes systemd units that run what the manager runs, with the manager's policy. Per copy of a
 * service: {@code <unit>.service}, and for an HTTP-checked service its health watchdog
 * {@code <unit>-health.service} with {@code <unit>-health.timer}:
 * <ul>
 * <li>{@code ExecStart} is the resolved argv (no shell), {@code WorkingDirectory} the project,
 * {@code Environment=} the child's variables except secret-looking ones (by name or by value,
 * {@link Secrets}), which belong in the required {@code EnvironmentFile=} (0600) together with
 * {@code SIDEEYE_API_TOKEN};</li>
 * <li>{@code UMask=0077} and the state directory {@code /var/lib/sideeye}
 * ({@code StateDirectoryMode=0700}): what the service writes is its user's only;</li>
 * <li>the start counts as done once the health endpoint answers healthy ({@code ExecStartPost}
 * runs {@code sideeye health --wait startupTimeout}), so units ordered after it start after it is
 * healthy, and a start that never gets healthy fails and is retried like a crash;</li>
 * <li>{@code Restart=on-failure} with the backoff ({@link RestartMapping}), {@code TimeoutStopSec}
 * from {@code shutdownTimeout}, {@code KillMode=control-group} (SIGTERM to every process of the
 * service, SIGKILL after the timeout);</li>
 * <li>the timer runs the watchdog every {@code healthCheckInterval} while the service is active;
 * it counts consecutive failed checks in {@code %t/sideeye/<unit>.unhealthy} and restarts the
 * service when {@code unhealthyThreshold} is reached.</li>
 * </ul>
 * A {@code health: process} service gets no watchdog: alive is healthy, and systemd restarts it
 * when it exits.
 */
final class SystemdExporter {
    /** Time the readiness check may take beyond {@code startupTimeout} (its own start). */
    static final Duration CHECK_MARGIN = Duration.ofSeconds(10);

    private final List<String> sideeye;

    /** @param sideeye the argv that runs the {@code sideeye} command in the units (absolute executable first) */
    SystemdExporter(List<String> sideeye) {
        this.sideeye = List.copyOf(sideeye);
    }

    /** The files to write, by file name, in a stable order. */
    Map<String, String> export(List<SystemdInstance> instances) {
        Map<String, String> files = new LinkedHashMap<>();
        for (SystemdInstance i : instances) {
            files.put(i.unit() + ".service", service(i));
            if (httpChecked(i)) {
                files.put(i.unit() + "-health.service", healthService(i));
                files.put(i.unit() + "-health.timer", healthTimer(i));
            }
        }
        return files;
    }

    private String service(SystemdInstance i) {
        ServiceConfig c = i.config();
        RestartMapping restart = new RestartMapping(c);
        UnitFile unit = new UnitFile(i.unit() + ".service: SideEye service " + named(i) + ", exported by"
                + " 'sideeye export systemd'.", "Install it with its watchdog units: see docs/SCALING.md.");
        unit.section("Unit").set("Description", "SideEye service " + named(i)).set("After", "network.target");
        for (String required : i.requires()) {
            unit.set("After", required + ".service").set("Requires", required + ".service");
        }
        if (httpChecked(i)) {
            unit.set("Wants", i.unit() + "-health.timer");
        }
        if (restart.restarts()) {
            unit.set("StartLimitIntervalSec", SystemdSyntax.timeSpan(restart.startLimitInterval()))
                    .set("StartLimitBurst", restart.startLimitBurst());
        }
        unit.section("Service").set("Type", "exec")
                .set("WorkingDirectory", SystemdSyntax.plain("projectDir", i.plan().workingDirectory().toString()))
                .set("ExecStart", SystemdSyntax.commandLine(i.plan().argv()));
        if (httpChecked(i)) {
            unit.comment("Started means healthy: wait for the health endpoint as the manager does.")
                    .set("ExecStartPost", healthCommand(i, "--wait", SystemdSyntax.timeSpan(c.startupTimeout())));
        }
        environment(unit, i);
        unit.comment("Files the service creates are its user's only; /var/lib/sideeye (e.g. for SIDEEYE_DATA_DIR)"
                        + " is created 0700.")
                .set("UMask", "0077").set("StateDirectory", "sideeye").set("StateDirectoryMode", "0700");
        if (restart.restarts()) {
            unit.set("Restart", "on-failure").set("RestartSec", SystemdSyntax.timeSpan(c.restartDelay()));
            if (restart.steps() > 0) {
                unit.comment("RestartSteps and RestartMaxDelaySec need systemd 254 or later; older versions"
                                + " ignore them and wait RestartSec every time.")
                        .set("RestartSteps", restart.steps())
                        .set("RestartMaxDelaySec", SystemdSyntax.timeSpan(c.maxRestartDelay()));
            }
        } else {
            unit.set("Restart", "no");
        }
        if (httpChecked(i)) {
            unit.set("TimeoutStartSec", SystemdSyntax.timeSpan(c.startupTimeout().plus(CHECK_MARGIN)));
        }
        // shutdownTimeout 0 means "SIGKILL at once", while TimeoutStopSec=0 would mean "never".
        unit.set("TimeoutStopSec", c.shutdownTimeout().isZero() ? "1ms" : SystemdSyntax.timeSpan(c.shutdownTimeout()))
                .set("KillMode", "control-group").set("KillSignal", "SIGTERM");
        unit.section("Install").set("WantedBy", "multi-user.target");
        return unit.text();
    }

    private static void environment(UnitFile unit, SystemdInstance i) {
        List<String> secret = new ArrayList<>();
        i.plan().environment().forEach((name, value) -> {
            if (Secrets.looksSecret(name, value)) {
                secret.add(name);
            } else {
                unit.set("Environment", SystemdSyntax.assignment(name, value));
            }
        });
        String held = secret.isEmpty() ? "" : secret.stream().collect(Collectors.joining(", ", " (", ")"));
        String file = SystemdSyntax.plain("environment file", i.environmentFile());
        unit.comment("Secrets" + held + " and SIDEEYE_API_TOKEN (required: the API refuses calls without it) are"
                        + " never written here:")
                .comment("put them in this file as NAME=value lines, readable by root only. Create it with e.g.")
                .comment("  printf 'SIDEEYE_API_TOKEN=%s\\n' \"$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d"
                        + " '=')\" | install -D -m 600 /dev/stdin " + file)
                .set("EnvironmentFile", file);
    }

    private String healthService(SystemdInstance i) {
        ServiceConfig c = i.config();
        UnitFile unit = new UnitFile(i.unit() + "-health.service: the health watchdog of " + i.unit()
                + ".service, run every " + SystemdSyntax.timeSpan(c.healthCheckInterval()) + " by " + i.unit()
                + "-health.timer.", "After " + c.unhealthyThreshold() + " consecutive failed checks it restarts "
                + i.unit() + ".service.");
        unit.section("Unit").set("Description", "Health check of SideEye service " + named(i))
                .set("After", i.unit() + ".service")
                .set("StartLimitIntervalSec", "0");
        unit.section("Service").set("Type", "oneshot")
                .set("EnvironmentFile", SystemdSyntax.plain("environment file", i.environmentFile()))
                .set("ExecStart", healthCommand(i, "--threshold", Integer.toString(c.unhealthyThreshold()),
                        "--restart-unit", i.unit() + ".service"));
        return unit.text();
    }

    private static String healthTimer(SystemdInstance i) {
        String interval = SystemdSyntax.timeSpan(i.config().healthCheckInterval());
        UnitFile unit = new UnitFile(i.unit() + "-health.timer: checks " + i.unit() + ".service every " + interval
                + " while it runs (it pulls this timer in; the timer stops with it).");
        unit.section("Unit").set("Description", "Health checks of SideEye service " + named(i) + " every " + interval)
                .set("BindsTo", i.unit() + ".service").set("After", i.unit() + ".service");
        unit.section("Timer").set("OnActiveSec", interval).set("OnUnitActiveSec", interval)
                .set("AccuracySec", "100ms").set("Unit", i.unit() + "-health.service");
        return unit.text();
    }

    /** {@code sideeye health --url ... --timeout ...} with {@code options}, and the failure count's file. */
    private String healthCommand(SystemdInstance i, String... options) {
        List<String> argv = new ArrayList<>(sideeye);
        argv.addAll(List.of("health", "--url", i.plan().healthUrl().toString(), "--timeout",
                SystemdSyntax.timeSpan(i.config().healthCheckTimeout())));
        argv.addAll(List.of(options));
        // %t is the runtime directory (/run, or $XDG_RUNTIME_DIR for user units): left unescaped on purpose.
        return SystemdSyntax.commandLine(argv) + " --state-file %t/sideeye/" + i.unit() + ".unhealthy";
    }

    private static boolean httpChecked(SystemdInstance i) {
        return i.config().healthMode() == HealthMode.HTTP;
    }

    private static String named(SystemdInstance i) {
        return i.instances() > 1 ? i.service() + " (copy " + i.instance() + " of " + i.instances() + ")" : i.service();
    }
}
