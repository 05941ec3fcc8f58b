package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.CliContext;
import picocli.CommandLine.Command;

/**
 * {@code sideeye reload [SERVICE]}: replace a service's backend with a new one without refusing a
 * connection, where its server can share its port; else a plain restart, and the output says why.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Replace a service's backend of the running 'sideeye run' (default: its default service)",
                "with a new one, without refusing a connection, and wait until done.",
                "Where the server can share its port (waitress through sideeye_health.serve, gunicorn;",
                "not runserver, uvicorn or Windows) the new backend starts beside the old one on the same",
                "port and is checked on a private port; then the old one stops taking connections and",
                "finishes its requests in flight (within shutdownTimeout). Elsewhere, or with",
                "zeroDowntimeRestart: false, it stops, then starts, and says why. Copies of a service are",
                "reloaded one at a time."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:reloaded", "1:the service could not be reloaded (a new backend that fails leaves the old one"
                + " serving); the reason is printed", "2:the run has no such service",
                "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye reload", "  sideeye reload web"})
public final class ReloadCommand extends LifecycleCommand {

    /** A reload command in {@code ctx}. */
    public ReloadCommand(CliContext ctx) {
        super(ctx, "/ipc/django-service-reload", "reloaded");
    }

    /** {@code ; restart: zero-downtime (...)} or {@code ; restart: stop-then-start (...)}. */
    @Override
    String detail(JsonNode reply) {
        JsonNode status = reply.has("instances") ? reply.path("instances").path(0) : reply.path("status");
        return status.hasNonNull("restartMode") ? "; restart: " + status.path("restartMode").asText() : "";
    }
}
