package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.export.ExportResult;
import io.sideeye.cli.export.Exports;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
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
                "  sideeye export systemd web --sideeye /usr/local/bin/sideeye"})
public final class ExportSystemdCommand extends ExportRun {

    @Option(names = "--sideeye", paramLabel = "PATH",
            description = {"The sideeye command the health units run (absolute path). Default: the installed",
                    "sideeye command that runs this one (e.g. /usr/bin/sideeye), else this Java with this jar."})
    String sideeye;

    /** An export command in {@code ctx}. */
    public ExportSystemdCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    ExportResult export(List<ServiceSpec> group) {
        return Exports.systemd(group, service, basePort, sideeye);
    }

    @Override
    List<String> nextSteps(Path dir, ExportResult result) {
        List<String> services = result.files().keySet().stream()
                .filter(f -> f.endsWith(".service") && !f.endsWith("-health.service")).toList();
        return List.of("To install them (as root):",
                "  cp " + dir + "/sideeye-* /etc/systemd/system/ && systemctl daemon-reload",
                "  systemctl enable --now " + String.join(" ", services));
    }
}
