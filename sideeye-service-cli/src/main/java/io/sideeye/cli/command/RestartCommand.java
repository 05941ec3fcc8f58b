package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code sideeye restart [SERVICE]}: restart a service of the running {@code sideeye run}. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Restart a service of the running 'sideeye run' (default: its default service) and wait",
                "until done.",
                "Restarts every copy of the service, one at a time: each once the one before is healthy",
                "again; the other services keep running."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restarted", "1:the service could not be restarted; the reason is printed",
                "2:the run has no such service", "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye restart", "  sideeye restart worker"})
public final class RestartCommand extends LifecycleCommand {

    /** A restart command in {@code ctx}. */
    public RestartCommand(CliContext ctx) {
        super(ctx, "/ipc/django-service-restart", "restarted");
    }
}
