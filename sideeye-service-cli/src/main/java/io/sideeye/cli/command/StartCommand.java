package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code sideeye start [SERVICE]}: start a service of the running {@code sideeye run}. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a service of the running 'sideeye run' (default: its default service) and wait",
                "until done.",
                "Starts the services it runs after first, when they are not running."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:started", "1:the service could not be started; the reason is printed",
                "2:the run has no such service", "3:no running 'sideeye run' could be reached"},
        footerHeading = "%nExamples:%n", footer = {"  sideeye start", "  sideeye start worker"})
public final class StartCommand extends LifecycleCommand {

    /** A start command in {@code ctx}. */
    public StartCommand(CliContext ctx) {
        super(ctx, "/ipc/django-service-start", "started");
    }
}
