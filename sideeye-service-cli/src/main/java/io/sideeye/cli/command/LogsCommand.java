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
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.remote.RemoteException;
import io.sideeye.cli.remote.RemoteTarget;
import io.sideeye.cli.runtime.OutputLogs;
import io.sideeye.cli.runtime.RuntimeDirectory;
import io.sideeye.service.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sideeye logs [SERVICE]}: a service's recent output, optionally followed live. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the recent output lines (stdout and stderr) of a service of the running 'sideeye run'",
                "(default: its default service); the lines of a service's copies are merged in time order.",
                "With no run active, the lines come from the service's output log files (logFile; by default",
                "those 'sideeye run' writes for the configuration given with -c or found here)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (with -f: until the run ended or Ctrl-C)", "1:the control server answered with an error",
                "2:the run (or the configuration) has no such service",
                "3:no running 'sideeye run' could be reached and there is no output log file"},
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

    @Mixin
    ConfigOptions config;

    /** A logs command in {@code ctx}. */
    public LogsCommand(CliContext ctx) {
        super(ctx);
    }

    /** With no run to ask, reads the service's output log files instead. */
    @Override
    Integer standalone(Console console) {
        try {
            RemoteTarget.find(RuntimeDirectory.forUser(ctx.env()), pid, stale -> { });
            return null; // a run is there: ask it
        } catch (RemoteException noRun) {
            if (noRun.exitCode() != ExitCodes.UNREACHABLE) {
                return null;
            }
            ResolvedGroup group = config.resolve(ctx, List.of());
            group = OutputLogs.withDefaults(group, OutputLogs.defaultDir(ctx.env(), group, ctx.workingDir()));
            String name = group.name(service.name());
            ServiceSpec spec = group.spec(name);
            List<Path> files = OutputLogs.files(spec).stream().filter(Files::exists).toList();
            if (files.isEmpty()) {
                console.error(noRun.getMessage() + "; and service " + name + " has no output log file"
                        + OutputLogs.files(spec).stream().map(Path::toString).collect(Collectors.joining(", ", " (", ")"))
                        .replace(" ()", ""));
                return ExitCodes.UNREACHABLE;
            }
            List<OutputLogs.Line> tail;
            try {
                tail = OutputLogs.tail(files, Math.max(1, Math.min(lines, 10_000)));
            } catch (IOException e) {
                console.error("cannot read the output log " + files + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
            console.note("no 'sideeye run' is active: the last lines of " + files.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")));
            boolean replicated = spec.instances() > 1;
            console.labelWidth(replicated ? name.length() + 3 : 0);
            for (OutputLogs.Line line : tail) {
                JsonNode node = ServiceJson.object().put("service", name)
                        .put("instance", line.instance()).put("stream", line.stream())
                        .put("timestamp", line.timestamp().toString()).put("line", line.text());
                print(console, name, replicated, node);
            }
            if (follow) {
                console.note("-f follows a running 'sideeye run' only; none is active");
            }
            return ExitCodes.OK;
        }
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
            return ServiceJson.reader().readTree(message.data());
        } catch (IOException e) {
            return null;
        }
    }
}
