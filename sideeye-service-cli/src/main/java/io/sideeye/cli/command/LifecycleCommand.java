package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import java.time.Duration;

/** {@code start}, {@code stop} and {@code restart} of the running {@code sideeye run}'s backend. */
abstract class LifecycleCommand extends RemoteCommand {
    private final String route;
    private final String done;

    LifecycleCommand(CliContext ctx, String route, String done) {
        super(ctx);
        this.route = route;
        this.done = done;
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode reply = client.post(route, java.util.Map.of(), Duration.ZERO);
        boolean ok = reply.path("success").asBoolean();
        if (output.json()) {
            console.print(reply.toString());
        } else if (ok) {
            JsonNode status = client.get("/ipc/django-service-status").path("status");
            console.print(console.style().green("✔ ") + done + (status.isObject() ? " (" + status.path("state").asText()
                    + (status.hasNonNull("pid") ? ", pid " + status.path("pid").asText() : "")
                    + (status.path("state").asText().equals("STOPPED") ? "" : ", " + status.path("url").asText()) + ")" : ""));
        } else {
            console.print(console.style().red("✘ ") + reply.path("error").asText("failed"));
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
