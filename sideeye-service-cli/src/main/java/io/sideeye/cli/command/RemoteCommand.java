package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.remote.ControlClient;
import io.sideeye.cli.remote.RemoteException;
import io.sideeye.cli.remote.RemoteTarget;
import io.sideeye.cli.runtime.RuntimeDirectory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that talks to a running {@code sideeye run} through its control plane. */
abstract class RemoteCommand implements Callable<Integer> {

    @Option(names = "--pid", paramLabel = "PID",
            description = "The 'sideeye run' to talk to, when several are running.")
    Long pid;

    @Mixin
    OutputOptions output;

    final CliContext ctx;

    RemoteCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final Integer call() {
        Console console = output.console(ctx);
        Integer standalone = standalone(console);
        if (standalone != null) {
            return standalone;
        }
        try {
            ControlClient client = new ControlClient(RemoteTarget.find(RuntimeDirectory.forUser(ctx.env()), pid,
                    stale -> console.warn(stale)));
            return execute(client, console);
        } catch (RemoteException e) {
            console.error(e.getMessage());
            return e.exitCode();
        }
    }

    /**
     * Does the command's work when this invocation needs no running {@code sideeye run} (e.g.
     * {@code health --url}); returns the exit code, or null to go on with {@link #execute}.
     */
    Integer standalone(Console console) {
        return null;
    }

    /** Does the command's work against {@code client}; returns the exit code. */
    abstract int execute(ControlClient client, Console console);
}
