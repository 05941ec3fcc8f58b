package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.output.StatusFormatter;
import io.sideeye.cli.output.StatusTable;
import io.sideeye.cli.remote.ControlClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sideeye status [SERVICE]}: every service of the running {@code sideeye run}, or one in detail. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the state of the running 'sideeye run': every service (one row per copy: state, pid,",
                "port, health), or with SERVICE that service in detail (uptime, restarts, last check, last exit).",
                "A run of one service shows it in detail either way."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the status was shown", "1:the control server answered with an error",
                "2:the run has no such service", "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye status", "  sideeye status worker",
                "  sideeye status web --json | jq .status.state",
                "  sideeye status --json | jq '.data.services.worker[].state'"})
public final class StatusCommand extends RemoteCommand {

    @Mixin
    ServiceArgument service;

    /** A status command in {@code ctx}. */
    public StatusCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode reply = client.get(service.name() == null ? "/ipc/services"
                : ControlClient.addressing("/ipc/django-service-status", service.name()));
        boolean ok = reply.path("success").asBoolean();
        if (output.json()) {
            console.print(reply.toString());
            return ok ? ExitCodes.OK : ExitCodes.FAILED;
        }
        if (!ok) {
            console.error(reply.path("error").asText("the control server gave no status"));
            return ExitCodes.FAILED;
        }
        StatusFormatter details = new StatusFormatter(console.style(), ctx.timeZone());
        String text;
        if (service.name() != null) {
            text = details(details, service.name(), reply.has("instances") ? reply.path("instances")
                    : List.of(reply.path("status")));
        } else {
            JsonNode services = reply.path("data").path("services");
            if (services.size() == 1 && services.elements().next().size() == 1) {
                text = details.format(services.elements().next().get(0)); // one service: as the seed showed it
            } else {
                text = new StatusTable(console.style()).format(services) + "\n  default service: "
                        + reply.path("data").path("default").asText() + "; 'sideeye status SERVICE' shows one in detail";
            }
        }
        console.print(text + "\n  sideeye run: pid " + client.target().pid() + ", project " + client.target().projectDir()
                + (client.target().config() == null ? "" : ", config " + client.target().config()));
        return ExitCodes.OK;
    }

    private static String details(StatusFormatter formatter, String name, Iterable<JsonNode> instances) {
        List<String> parts = new ArrayList<>();
        int n = 0;
        for (JsonNode status : instances) {
            parts.add(formatter.format(status));
            n++;
        }
        if (n == 1) {
            return name + " " + parts.get(0);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : "\n").append(name).append('#').append(i + 1).append(' ').append(parts.get(i));
        }
        return out.toString();
    }
}
