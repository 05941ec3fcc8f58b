package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code sideeye start}: start the backend of the running {@code sideeye run}. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start the backend of the running 'sideeye run' (waits until done).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:started", "1:the backend could not be started; the reason is printed",
                "3:no running 'sideeye run' could be reached"})
public final class StartCommand extends LifecycleCommand {

    /** A start command in {@code ctx}. */
    public StartCommand(CliContext ctx) {
        super(ctx, "/ipc/django-service-start", "started");
    }
}
