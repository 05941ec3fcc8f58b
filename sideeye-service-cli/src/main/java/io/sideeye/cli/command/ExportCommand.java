package io.sideeye.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sideeye export}: hands services over to systemd or Kubernetes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write systemd units, Kubernetes manifests (and their image's Dockerfile) that run the configured services",
                "with the same command and health, restart and shutdown policy (docs/SCALING.md)."},
        subcommands = {ExportSystemdCommand.class, ExportKubernetesCommand.class, ExportDockerfileCommand.class},
        commandListHeading = "%nEngines:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye export systemd --out deploy/systemd",
                "  sideeye export kubernetes web --image app:1.0 | kubectl apply -f -",
                "  sideeye export dockerfile --out deploy"})
public final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
