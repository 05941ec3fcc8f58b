package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code sideeye dashboard}: a new dashboard link of the running {@code sideeye run}. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Print a new link to the dashboard of the running 'sideeye run'.",
                "A link signs one browser tab in, once: open a new one for another tab or browser, or after",
                "the tab's session ended (8 hours)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the link was printed", "1:the control server answered with an error",
                "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye dashboard", "  xdg-open \"$(sideeye dashboard)\""})
public final class DashboardCommand extends RemoteCommand {

    /** A dashboard command in {@code ctx}. */
    public DashboardCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode reply = client.post("/ipc/dashboard-link", Map.of(), ControlClient.QUICK);
        if (!reply.path("success").asBoolean()) {
            console.error(reply.path("error").asText("the control server gave no link"));
            return ExitCodes.FAILED;
        }
        console.print(output.json() ? reply.toString() : reply.path("url").asText());
        return ExitCodes.OK;
    }
}
