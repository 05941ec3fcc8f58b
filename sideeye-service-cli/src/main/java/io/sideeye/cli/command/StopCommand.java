package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code sideeye stop [SERVICE]}: stop a service of the running {@code sideeye run}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop a service of the running 'sideeye run' (default: its default service) and wait",
                "until done.",
                "Stops only that service (every copy); the services that run after it keep running."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:the service could not be stopped; the reason is printed",
                "2:the run has no such service", "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye stop", "  sideeye stop worker"})
public final class StopCommand extends LifecycleCommand {

    /** A stop command in {@code ctx}. */
    public StopCommand(CliContext ctx) {
        super(ctx, "/ipc/django-service-stop", "stopped");
    }
}
