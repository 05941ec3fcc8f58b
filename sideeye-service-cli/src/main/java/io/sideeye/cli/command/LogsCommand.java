package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import io.sideeye.cli.remote.SseMessage;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sideeye logs}: the backend's recent output, optionally followed live. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the backend's recent output lines (stdout and stderr).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (with -f: until the run ended or Ctrl-C)", "1:the control server answered with an error",
                "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye logs -n 50", "  sideeye logs -f --json"})
public final class LogsCommand extends RemoteCommand {

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
        JsonNode reply = client.get("/ipc/logs?n=" + lines);
        if (!reply.path("success").asBoolean()) {
            console.error(reply.path("error").asText("the control server gave no log lines"));
            return ExitCodes.FAILED;
        }
        Instant last = Instant.EPOCH;
        for (JsonNode line : reply.path("lines")) {
            print(console, line);
            last = Instant.parse(line.path("timestamp").asText());
        }
        if (follow) {
            Instant after = last;
            client.events(message -> {
                if (message.event().equals("log")) {
                    JsonNode line = parse(message);
                    if (line != null && Instant.parse(line.path("timestamp").asText()).isAfter(after)) {
                        print(console, line);
                    }
                }
                return true;
            });
            console.note("the run ended (pid " + client.target().pid() + ")");
        }
        return ExitCodes.OK;
    }

    private void print(Console console, JsonNode line) {
        if (output.json()) {
            console.print(line.toString());
            return;
        }
        Instant at = Instant.parse(line.path("timestamp").asText());
        String text = line.path("line").asText();
        console.event(line.path("stream").asText().equals("stderr") ? new ServiceEvent.Stderr(at, text)
                : new ServiceEvent.Stdout(at, text));
    }

    private static JsonNode parse(SseMessage message) {
        try {
            return ServiceJson.mapper().readTree(message.data());
        } catch (IOException e) {
            return null;
        }
    }

}
