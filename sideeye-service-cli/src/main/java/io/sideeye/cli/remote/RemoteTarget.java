package io.sideeye.cli.remote;

import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.runtime.RuntimeDirectory;
import io.sideeye.cli.runtime.RuntimeInfo;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Finds the {@code sideeye run} a remote command talks to, through the runtime files. */
public final class RemoteTarget {
    private RemoteTarget() {
    }

    /**
     * The one live run, or the one with {@code pid}. Stale files are removed on the way and
     * reported to {@code onStale}.
     *
     * @throws RemoteException when none (exit 3) or several without {@code --pid} (exit 2)
     */
    public static RuntimeInfo find(RuntimeDirectory dir, Long pid, Consumer<String> onStale) {
        List<RuntimeInfo> live = dir.live(onStale);
        if (pid != null) {
            return live.stream().filter(i -> i.pid() == pid).findFirst().orElseThrow(() -> new RemoteException(
                    "no running 'sideeye run' with pid " + pid + " (runtime files in " + dir.path() + ")"
                            + (live.isEmpty() ? "" : "; running: " + describe(live)), ExitCodes.UNREACHABLE));
        }
        if (live.isEmpty()) {
            throw new RemoteException("no running 'sideeye run' found (runtime files in " + dir.path() + ");"
                    + " start one with 'sideeye run' (or 'sideeye demo') in another terminal", ExitCodes.UNREACHABLE);
        }
        if (live.size() > 1) {
            throw new RemoteException("several 'sideeye run' are running: " + describe(live)
                    + "; choose one with --pid", ExitCodes.CONFIG);
        }
        return live.get(0);
    }

    private static String describe(List<RuntimeInfo> runs) {
        return runs.stream().map(i -> "pid " + i.pid() + " (project " + i.projectDir() + ")")
                .collect(Collectors.joining(", "));
    }
}
