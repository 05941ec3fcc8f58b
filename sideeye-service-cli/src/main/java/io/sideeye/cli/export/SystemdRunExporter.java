package io.sideeye.cli.export;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one systemd unit, {@code sideeye.service}, that runs {@code sideeye run} with the
 * configuration file: the manager supervises every service (health, restarts, dependency order)
 * and tells systemd how it goes through the notification protocol.
 * <ul>
 * <li>{@code Type=notify}: the unit is started once {@code sideeye run} sends {@code READY=1}, that is
 * once every service is healthy; {@code NotifyAccess=all} because the messages are sent by the
 * {@code systemd-notify} program that {@code sideeye run} runs;</li>
 * <li>{@code WatchdogSec}: {@code sideeye run} pings every half of it, and systemd restarts a run that
 * stops pinging (a hung JVM);</li>
 * <li>{@code KillMode=mixed}: SIGTERM goes to {@code sideeye run} only, which stops the services
 * gracefully in reverse start order; whatever is left when {@code TimeoutStopSec} (the services'
 * shutdown timeouts together, plus a margin) runs out gets SIGKILL.</li>
 * </ul>
 */
final class SystemdRunExporter {
    /** The unit's file name. */
    static final String UNIT = "sideeye.service";
    /** Where the unit reads secrets and the API token from. */
    static final String ENVIRONMENT_FILE = SystemdPlanner.ENVIRONMENT_DIR + "/sideeye.env";
    /** Time the run may take beyond its services' own start or stop. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private SystemdRunExporter() {
    }

    /**
     * @param sideeye  the argv that runs the sideeye command (absolute executable first)
     * @param config   the configuration file (absolute)
     * @param profile  the profile to apply, or null
     * @param services the configuration's services
     * @param watchdog {@code WatchdogSec}; zero for none
     */
    static Map<String, String> export(List<String> sideeye, Path config, String profile, List<ServiceSpec> services,
                                      Duration watchdog) {
        if (watchdog.isNegative() || !watchdog.isZero() && watchdog.toMillis() < 1000) {
            throw new ExportException("--watchdog: " + SystemdSyntax.timeSpan(watchdog) + " is too short; give 1s or"
                    + " more (e.g. 30s), or 0 for no watchdog");
        }
        List<String> argv = new ArrayList<>(sideeye);
        argv.addAll(List.of("run", "--config", config.toString()));
        if (profile != null) {
            argv.addAll(List.of("--profile", profile));
        }
        Duration start = MARGIN;
        Duration stop = MARGIN;
        for (ServiceSpec spec : services) {
            ServiceConfig c = spec.config();
            start = start.plus(c.startupTimeout());
            stop = stop.plus(c.shutdownTimeout());
        }
        UnitFile unit = new UnitFile(UNIT + ": 'sideeye run' supervising the services of " + config + ", exported by"
                + " 'sideeye export systemd --run'.", "See docs/SCALING.md (sideeye run under systemd).");
        unit.section("Unit").set("Description", "SideEye services of " + SystemdSyntax.plain("config", config.toString()))
                .set("After", "network.target");
        unit.section("Service")
                .comment("Started means every service is healthy: sideeye run sends READY=1 then.")
                .set("Type", "notify")
                .comment("The notifications come from the systemd-notify program that sideeye run starts.")
                .set("NotifyAccess", "all")
                .set("WorkingDirectory", SystemdSyntax.plain("config", config.getParent().toString()))
                .set("ExecStart", SystemdSyntax.commandLine(argv));
        if (!watchdog.isZero()) {
            unit.comment("sideeye run pings every half of this; systemd restarts a run that stops pinging.")
                    .set("WatchdogSec", SystemdSyntax.timeSpan(watchdog));
        }
        unit.comment("Output logs under /var/lib/sideeye/logs, the run's record (for sideeye status, logs, stop) in"
                        + " /run/sideeye.")
                .set("Environment", "XDG_STATE_HOME=%S").set("Environment", "XDG_RUNTIME_DIR=%t")
                .set("RuntimeDirectory", "sideeye").set("RuntimeDirectoryMode", "0700");
        unit.comment("Secrets and SIDEEYE_API_TOKEN go in this file (NAME=value lines, mode 0600), never here.")
                .set("EnvironmentFile", "-" + ENVIRONMENT_FILE)
                .set("UMask", "0077").set("StateDirectory", "sideeye").set("StateDirectoryMode", "0700")
                .set("Restart", "on-failure").set("RestartSec", "5s")
                .set("TimeoutStartSec", SystemdSyntax.timeSpan(start))
                .comment("SIGTERM to sideeye run only: it stops the services gracefully, in reverse start order.")
                .set("KillMode", "mixed").set("KillSignal", "SIGTERM")
                .set("TimeoutStopSec", SystemdSyntax.timeSpan(stop));
        unit.section("Install").set("WantedBy", "multi-user.target");
        return Map.of(UNIT, unit.text());
    }
}
