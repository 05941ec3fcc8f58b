package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code sideeye restart}: restart the backend of the running {@code sideeye run}. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart the backend of the running 'sideeye run' (waits until done).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restarted", "1:the backend could not be restarted; the reason is printed",
                "3:no running 'sideeye run' could be reached"})
public final class RestartCommand extends LifecycleCommand {

    /** A restart command in {@code ctx}. */
    public RestartCommand(CliContext ctx) {
        super(ctx, "/ipc/django-service-restart", "restarted");
    }
}
