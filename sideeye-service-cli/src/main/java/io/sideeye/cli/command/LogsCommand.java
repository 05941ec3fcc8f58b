package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import io.sideeye.cli.remote.SseMessage;
import io.sideeye.service.GroupEvent;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sideeye logs [SERVICE]}: a service's recent output, optionally followed live. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the recent output lines (stdout and stderr) of a service of the running 'sideeye run'",
                "(default: its default service); the lines of a service's copies are merged in time order."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (with -f: until the run ended or Ctrl-C)", "1:the control server answered with an error",
                "2:the run has no such service", "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye logs -n 50", "  sideeye logs worker -f",
                "  sideeye logs -f --json"})
public final class LogsCommand extends RemoteCommand {

    @Mixin
    ServiceArgument service;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "How many recent lines to print (default: ${DEFAULT-VALUE}, at most 10000).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they come.")
    boolean follow;

    /** A logs command in {@code ctx}. */
    public LogsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int execute(ControlClient client, Console console) {
        JsonNode group = client.get(ControlClient.addressing("/ipc/services", service.name()));
        JsonNode reply = group.path("success").asBoolean()
                ? client.get(ControlClient.addressing("/ipc/logs?n=" + lines, service.name())) : group;
        if (!reply.path("success").asBoolean()) {
            console.error(reply.path("error").asText("the control server gave no log lines"));
            return ExitCodes.FAILED;
        }
        String name = service.name() != null ? service.name() : group.path("data").path("default").asText();
        boolean replicated = group.path("data").path("services").path(name).size() > 1;
        console.labelWidth(replicated ? name.length() + 3 : 0);
        Instant last = Instant.EPOCH;
        for (JsonNode line : reply.path("lines")) {
            print(console, name, replicated, line);
            last = Instant.parse(line.path("timestamp").asText());
        }
        if (follow) {
            Instant after = last;
            client.events(name, message -> {
                if (message.event().equals("log")) {
                    JsonNode line = parse(message);
                    if (line != null && name.equals(line.path("service").asText(name))
                            && Instant.parse(line.path("timestamp").asText()).isAfter(after)) {
                        print(console, name, replicated, line);
                    }
                }
                return true;
            });
            console.note("the run ended (pid " + client.target().pid() + ")");
        }
        return ExitCodes.OK;
    }

    private void print(Console console, String name, boolean replicated, JsonNode line) {
        if (output.json()) {
            console.print(line.toString());
            return;
        }
        Instant at = Instant.parse(line.path("timestamp").asText());
        String text = line.path("line").asText();
        int instance = Math.max(1, line.path("instance").asInt(1));
        ServiceEvent event = line.path("stream").asText().equals("stderr") ? new ServiceEvent.Stderr(at, text)
                : new ServiceEvent.Stdout(at, text);
        console.event(new GroupEvent(name, instance, event), replicated ? name + "#" + instance : null);
    }

    private static JsonNode parse(SseMessage message) {
        try {
            return ServiceJson.mapper().readTree(message.data());
        } catch (IOException e) {
            return null;
        }
    }
}
