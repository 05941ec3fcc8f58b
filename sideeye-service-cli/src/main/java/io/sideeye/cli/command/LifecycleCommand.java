package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;

/** {@code start}, {@code stop}, {@code restart} and {@code reload} of a service of the running {@code sideeye run}. */
abstract class LifecycleCommand extends RemoteCommand {
    private final String route;
    private final String done;

    @Mixin
    ServiceArgument service;

    LifecycleCommand(CliContext ctx, String route, String done) {
        super(ctx);
        this.route = route;
        this.done = done;
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode reply = client.post(ControlClient.addressing(route, service.name()), Map.of(), Duration.ZERO);
        boolean ok = reply.path("success").asBoolean();
        if (output.json()) {
            console.print(reply.toString());
        } else if (ok) {
            JsonNode now = client.get(ControlClient.addressing("/ipc/django-service-status", service.name()));
            console.print(console.style().green("✔ ") + done + (service.name() == null ? "" : " " + service.name())
                    + states(now) + detail(now));
        } else {
            console.print(console.style().red("✘ ") + reply.path("error").asText("failed"));
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** What follows the states in the line printed on success, from the status reply; nothing by default. */
    String detail(JsonNode reply) {
        return "";
    }

    /** {@code  (RUNNING, pid 7, http://...)}, or for copies {@code : #1 RUNNING pid 7, #2 RUNNING pid 8}. */
    private static String states(JsonNode reply) {
        if (reply.has("instances")) {
            List<String> each = new ArrayList<>();
            int n = 0;
            for (JsonNode status : reply.path("instances")) {
                n++;
                each.add("#" + n + " " + status.path("state").asText()
                        + (status.hasNonNull("pid") ? " pid " + status.path("pid").asText() : ""));
            }
            return ": " + String.join(", ", each);
        }
        JsonNode status = reply.path("status");
        if (!status.isObject()) {
            return "";
        }
        return " (" + status.path("state").asText() + (status.hasNonNull("pid") ? ", pid " + status.path("pid").asText() : "")
                + (status.path("state").asText().equals("STOPPED") ? "" : ", " + status.path("url").asText()) + ")";
    }
}
