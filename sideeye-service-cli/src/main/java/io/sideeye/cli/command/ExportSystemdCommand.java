package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.config.Durations;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.export.ExportException;
import io.sideeye.cli.export.ExportResult;
import io.sideeye.cli.export.Exports;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sideeye export systemd}: unit files with the manager's policy. */
@Command(name = "systemd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write systemd units that run the services with the manager's policy.",
                "sideeye-<service>.service runs the backend (copies: sideeye-<service>-<n>);",
                "sideeye-<service>-health.service and its .timer restart it after",
                "unhealthyThreshold consecutive failed health checks."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a file could not be written",
                "2:bad configuration or usage, or a service that cannot be exported (the message says why)"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye export systemd --out deploy/systemd",
                "  sideeye export systemd web --sideeye /usr/local/bin/sideeye",
                "  sideeye export systemd --run -c /srv/app/sideeye.yaml --sideeye /usr/local/bin/sideeye"})
public final class ExportSystemdCommand extends ExportRun {

    @Option(names = "--sideeye", paramLabel = "PATH",
            description = {"The sideeye command the health units run (absolute path). Default: the installed",
                    "sideeye command that runs this one (e.g. /usr/bin/sideeye), else this Java with this jar."})
    String sideeye;

    @Option(names = "--run", description = {"Write one unit, sideeye.service, that runs 'sideeye run' with the"
            + " configuration file (Type=notify: started once every service is healthy) instead of a unit per service."})
    boolean run;

    @Option(names = "--watchdog", paramLabel = "DURATION", defaultValue = "30s",
            description = "With --run: WatchdogSec of the unit (0 for none); default ${DEFAULT-VALUE}.")
    String watchdog;

    /** An export command in {@code ctx}. */
    public ExportSystemdCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    ExportResult export(ResolvedGroup resolved) {
        if (!run) {
            return super.export(resolved);
        }
        if (resolved.file() == null) {
            throw new ExportException("--run: the unit runs 'sideeye run' with a configuration file, and none is"
                    + " used here; give one with -c (e.g. -c /srv/app/sideeye.yaml) or create ./sideeye.yaml");
        }
        if (service != null) {
            throw new ExportException("--run: the unit runs every service of the file; leave out the service name ("
                    + service + ")");
        }
        Duration period;
        try {
            period = Durations.parse(watchdog);
        } catch (IllegalArgumentException e) {
            throw new ExportException("--watchdog: '" + watchdog + "' is not a duration; " + Durations.ALLOWED);
        }
        return Exports.systemdRun(resolved.services(), resolved.file().toAbsolutePath(), resolved.profile(), period,
                sideeye);
    }

    @Override
    ExportResult export(List<ServiceSpec> group) {
        return Exports.systemd(group, service, basePort, sideeye);
    }

    @Override
    List<String> nextSteps(Path dir, ExportResult result) {
        if (run) {
            return List.of("To install it (as root):", "  cp " + dir + "/sideeye.service /etc/systemd/system/"
                    + " && systemctl daemon-reload", "  systemctl enable --now sideeye.service");
        }
        List<String> services = result.files().keySet().stream()
                .filter(f -> f.endsWith(".service") && !f.endsWith("-health.service")).toList();
        return List.of("To install them (as root):",
                "  cp " + dir + "/sideeye-* /etc/systemd/system/ && systemctl daemon-reload",
                "  systemctl enable --now " + String.join(" ", services));
    }
}
