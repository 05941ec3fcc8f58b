package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code sideeye health}: one health check now. */
@Command(name = "health", mixinStandardHelpOptions = true, description = "Run one health check of the backend of the running 'sideeye run' now.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy", "1:unhealthy or not running", "3:no running 'sideeye run' could be reached"})
public final class HealthCommand extends RemoteCommand {

    /** A health command in {@code ctx}. */
    public HealthCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode reply = client.post("/ipc/django-service-health-check", Map.of(), Duration.ofMinutes(2));
        boolean healthy = reply.path("healthy").asBoolean();
        if (output.json()) {
            console.print(reply.toString());
            return healthy ? ExitCodes.OK : ExitCodes.FAILED;
        }
        JsonNode check = client.get("/ipc/django-service-status").path("status").path("lastHealthCheck");
        String detail = check.isObject() ? " (HTTP " + check.path("status").asInt() + ", "
                + String.format("%.1f ms", check.path("latencyMs").asDouble())
                + (check.hasNonNull("error") ? ": " + check.path("error").asText() : "") + ")" : "";
        if (!reply.path("success").asBoolean() && reply.hasNonNull("error")) {
            detail = ": " + reply.path("error").asText();
        }
        console.print(healthy ? console.style().green("✔ healthy") + detail : console.style().red("✘ unhealthy") + detail);
        return healthy ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
