package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sideeye health [SERVICE]}: one health check now. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Run one health check of a service of the running 'sideeye run' now (every copy of it;",
                "default: the run's default service)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy (every copy)", "1:unhealthy or not running", "2:the run has no such service",
                "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye health", "  sideeye health worker"})
public final class HealthCommand extends RemoteCommand {

    @Mixin
    ServiceArgument service;

    /** A health command in {@code ctx}. */
    public HealthCommand(CliContext ctx) {
        super(ctx);
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
