package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.health.UrlHealthWatch;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sideeye health [SERVICE]}: one health check now, through a running {@code sideeye run} or of a URL. */
@Command(name = "health", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one health check of a service of the running 'sideeye run' now (every copy of it;",
                "default: the run's default service).",
                "With --url, check the backend at that URL instead; no 'sideeye run' is needed.",
                "The exported systemd units use it: --wait waits for readiness, --threshold",
                "with --state-file counts consecutive failures, --restart-unit restarts the",
                "unit at the threshold. SIDEEYE_API_TOKEN in the environment is sent as token."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy (every copy)", "1:unhealthy or not running",
                "2:bad usage, or the run has no such service", "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye health", "  sideeye health worker",
                "  sideeye health --url http://127.0.0.1:8000/api/health/ --wait 30s",
                "  sideeye health --url http://127.0.0.1:8000/api/health/ --threshold 3 \\",
                "      --state-file /run/sideeye/web.unhealthy --restart-unit sideeye-web.service"})
public final class HealthCommand extends RemoteCommand {

    @Mixin
    ServiceArgument service;

    @Option(names = "--url", paramLabel = "URL", description = "Check the health endpoint at URL (http or https).")
    String url;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "With --url: time one check may take; default ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--wait", paramLabel = "DURATION",
            description = "With --url: check until healthy, for at most DURATION.")
    String wait;

    @Option(names = "--threshold", paramLabel = "N",
            description = "With --url and --state-file: consecutive failed checks that count as down (default 1).")
    Integer threshold;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "With --url: keep the count of consecutive failed checks in FILE (a healthy check resets it).")
    Path stateFile;

    @Option(names = "--restart-unit", paramLabel = "UNIT",
            description = "With --url: when the threshold is reached, restart this systemd unit (and reset the count).")
    String restartUnit;

    /** A health command in {@code ctx}. */
    public HealthCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    Integer standalone(Console console) {
        if (url != null && service.name() != null) {
            console.error("--url checks the backend at that URL; leave out the service name '" + service.name() + "'");
            return ExitCodes.CONFIG;
        }
        if (url == null) {
            if (wait != null || threshold != null || stateFile != null || restartUnit != null) {
                console.error("--wait, --threshold, --state-file and --restart-unit go with --url;"
                        + " give the URL of the health endpoint to check");
                return ExitCodes.CONFIG;
            }
            return null;
        }
        UrlHealthWatch.Request request;
        try {
            request = UrlHealthWatch.request(url, timeout, wait, threshold, stateFile == null ? null
                    : ctx.workingDir().resolve(stateFile), restartUnit, ctx.env().get("SIDEEYE_API_TOKEN"));
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            return ExitCodes.CONFIG;
        }
        return new UrlHealthWatch(request, ctx.env(), console, output.json()).run();
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode reply = client.post(ControlClient.addressing("/ipc/django-service-health-check", service.name()),
                Map.of(), Duration.ofMinutes(2));
        boolean healthy = reply.path("healthy").asBoolean();
        if (output.json()) {
            console.print(reply.toString());
            return healthy ? ExitCodes.OK : ExitCodes.FAILED;
        }
        JsonNode check = client.get(ControlClient.addressing("/ipc/django-service-status", service.name()))
                .path("status").path("lastHealthCheck");
        String detail = check.isObject() ? " (" + (check.path("status").asInt() > 0 ? "HTTP "
                + check.path("status").asInt() + ", " : "") + String.format("%.1f ms", check.path("latencyMs").asDouble())
                + (check.hasNonNull("error") ? ": " + check.path("error").asText() : "") + ")" : "";
        if (reply.has("instances")) {
            java.util.List<String> each = new java.util.ArrayList<>();
            reply.path("instances").forEach(i -> each.add("#" + i.path("instance").asInt() + " "
                    + (i.path("healthy").asBoolean() ? "healthy" : "unhealthy")));
            detail = ": " + String.join(", ", each);
        }
        if (!reply.path("success").asBoolean() && reply.hasNonNull("error")) {
            detail = ": " + reply.path("error").asText();
        }
        console.print(healthy ? console.style().green("✔ healthy") + detail : console.style().red("✘ unhealthy") + detail);
        return healthy ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
