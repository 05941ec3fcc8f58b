package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.output.StatusFormatter;
import io.sideeye.cli.remote.ControlClient;
import picocli.CommandLine.Command;

/** {@code sideeye status}: the state of the backend of the running {@code sideeye run}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the state of the backend of the running 'sideeye run'.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the status was shown", "1:the control server answered with an error",
                "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye status", "  sideeye status --json | jq .status.state"})
public final class StatusCommand extends RemoteCommand {

    /** A status command in {@code ctx}. */
    public StatusCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode reply = client.get("/ipc/django-service-status");
        if (output.json()) {
            console.print(reply.toString());
        } else if (reply.path("status").isObject()) {
            console.print(new StatusFormatter(console.style(), ctx.clock().getZone()).format(reply.path("status"))
                    + "\n  sideeye run: pid " + client.target().pid() + ", project " + client.target().projectDir()
                    + (client.target().config() == null ? "" : ", config " + client.target().config()));
        } else {
            console.error(reply.path("error").asText("the control server gave no status"));
        }
        return reply.path("success").asBoolean() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
