package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import io.sideeye.cli.remote.LightJson;
import io.sideeye.cli.remote.RemoteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sideeye call [SERVICE] ENDPOINT}: one call of a service's API through the running {@code sideeye run}. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Call the API of a service of the running 'sideeye run' (default: its default service) and",
                "print the answer. The URL is the service's apiBasePath + ENDPOINT; the service's token is added;",
                "calls to a service with several copies go round-robin to the healthy ones."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a 2xx answer", "1:any other answer or no answer",
                "2:bad endpoint, method or JSON, or no such service", "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye call /notes/", "  sideeye call /notes/ -X POST -d '{\"title\": \"hello\"}'",
                "  sideeye call worker /jobs/ -X POST -d @job.json", "  sideeye call /notes/1/ -X DELETE",
                "  sideeye call /notes/ -X POST -d @note.json --json"})
public final class CallCommand extends RemoteCommand {

    @Parameters(arity = "1..2", paramLabel = "[SERVICE] ENDPOINT",
            description = {"The service (optional; default: the run's default service), then the relative API path,",
                    "e.g. /notes/ or worker /jobs/."})
    List<String> target;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD", defaultValue = "GET",
            description = "HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = {"-d", "--data"}, paramLabel = "JSON|@FILE", description = "JSON body, or @FILE to read it from a file.")
    String data;

    /** A call command in {@code ctx}. */
    public CallCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int execute(ControlClient client, Console console) {
        String endpoint = target.get(target.size() - 1);
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("endpoint", endpoint);
        if (target.size() == 2) {
            request.put("service", target.get(0));
        }
        request.put("method", method.toUpperCase(java.util.Locale.ROOT));
        if (data != null) {
            request.set("data", body());
        }
        ControlClient.Reply answer = client.call("/ipc/django-api-call", request, Duration.ofMinutes(10));
        JsonNode reply = answer.body();
        boolean ok = reply.path("success").asBoolean();
        if (output.json()) {
            console.print(reply.toString());
        } else if (reply.has("status") && reply.path("status").isInt()) {
            String head = "HTTP " + reply.path("status").asInt() + " in " + reply.path("durationMs").asLong() + " ms"
                    + (reply.hasNonNull("error") ? ": " + reply.path("error").asText() : "");
            ctx.err().println(ok ? console.style().green(head) : console.style().red(head));
            if (reply.hasNonNull("data")) {
                console.print(reply.path("data").isTextual() ? reply.path("data").asText() : pretty(reply.path("data")));
            }
        } else {
            console.error(reply.path("error").asText("the call failed"));
            if (answer.status() == 400) {
                return ExitCodes.CONFIG; // the endpoint or method was refused before any call was made
            }
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private JsonNode body() {
        String text = data;
        if (text.startsWith("@")) {
            try {
                text = Files.readString(Path.of(text.substring(1)));
            } catch (IOException e) {
                throw new RemoteException("cannot read the request body from " + text.substring(1) + ": " + e.getMessage(),
                        ExitCodes.CONFIG);
            }
        }
        try {
            return LightJson.read(text);
        } catch (IOException e) {
            throw new RemoteException("-d is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")
                    + "; e.g. -d '{\"title\": \"hello\"}'", ExitCodes.CONFIG);
        }
    }

    private static String pretty(JsonNode node) {
        return LightJson.pretty(node);
    }
}
