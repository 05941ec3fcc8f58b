package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.export.ExportResult;
import io.sideeye.cli.export.Exports;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sideeye export kubernetes}: a Deployment and Service per service. */
@Command(name = "kubernetes", aliases = "k8s", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a Kubernetes Deployment and Service per service.",
                "Their startup, liveness and readiness probes carry the health policy;",
                "one file sideeye-<service>.yaml per service."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a file could not be written",
                "2:bad configuration or usage, or a service that cannot be exported (the message says why)"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye export kubernetes --image registry.example.com/app:1.0 --out k8s",
                "  sideeye export kubernetes web --image app:1.0 | kubectl apply -f -"})
public final class ExportKubernetesCommand extends ExportRun {

    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "The container image that holds the project and its Python (required).")
    String image;

    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = "/app",
            description = "Where the project (the folder with manage.py) is inside the image; default ${DEFAULT-VALUE}.")
    String workdir;

    @Option(names = "--image-python", paramLabel = "PATH",
            description = "The Python inside the image, e.g. /app/.venv/bin/python. Default: python3 on the image's PATH.")
    String imagePython;

    /** An export command in {@code ctx}. */
    public ExportKubernetesCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    ExportResult export(List<ServiceSpec> group) {
        return Exports.kubernetes(group, service, image, workdir, imagePython, basePort);
    }

    @Override
    List<String> nextSteps(Path dir, ExportResult result) {
        return List.of("To apply them: kubectl apply -f " + dir,
                "Secrets (and SIDEEYE_API_TOKEN) come from the Secret sideeye-<service>-secrets; see docs/SCALING.md.");
    }
}
