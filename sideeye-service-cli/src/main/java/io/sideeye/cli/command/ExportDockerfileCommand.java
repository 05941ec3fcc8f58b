package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.export.ExportResult;
import io.sideeye.cli.export.Exports;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sideeye export dockerfile}: the image that the Kubernetes export names. */
@Command(name = "dockerfile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the Dockerfile of the image 'sideeye export kubernetes --image' names:",
                "a Python base image, the project and its requirements.txt, a user that is not root,",
                "and a HEALTHCHECK with the health policy. Beside it, Dockerfile.dockerignore."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a file could not be written",
                "2:bad configuration or usage, or a service that cannot be exported (the message says why)"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye export dockerfile --out deploy && docker build -f deploy/Dockerfile -t app:1.0 backend",
                "  sideeye export dockerfile web --base-image python:3.12-slim --workdir /srv/app"})
public final class ExportDockerfileCommand extends ExportRun {

    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = "/app",
            description = "Where the project goes inside the image (as export kubernetes --workdir); default ${DEFAULT-VALUE}.")
    String workdir;

    @Option(names = "--base-image", paramLabel = "IMAGE", defaultValue = "python:3.11-slim",
            description = "The Python image to start from; default ${DEFAULT-VALUE}.")
    String baseImage;

    /** An export command in {@code ctx}. */
    public ExportDockerfileCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    ExportResult export(List<ServiceSpec> group) {
        return Exports.dockerfile(group, service, workdir, baseImage, basePort);
    }

    @Override
    List<String> nextSteps(Path dir, ExportResult result) {
        return List.of("To build the image (from the project folder, with Docker or Podman):",
                "  docker build -f " + dir.resolve("Dockerfile") + " -t IMAGE <project folder>",
                "then: sideeye export kubernetes --image IMAGE (see docs/KUBERNETES.md).");
    }
}
