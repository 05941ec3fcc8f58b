package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code sideeye stop}: stop the backend of the running {@code sideeye run}. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the backend of the running 'sideeye run' (waits until done).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:the backend could not be stopped; the reason is printed",
                "3:no running 'sideeye run' could be reached"})
public final class StopCommand extends LifecycleCommand {

    /** A stop command in {@code ctx}. */
    public StopCommand(CliContext ctx) {
        super(ctx, "/ipc/django-service-stop", "stopped");
    }
}
