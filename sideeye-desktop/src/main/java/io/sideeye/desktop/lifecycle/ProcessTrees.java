package io.sideeye.desktop.lifecycle;

import java.util.List;
import java.util.Optional;

/** Ends a process and everything it started, at once: what a forced quit does to the backend. */
public final class ProcessTrees {
    private ProcessTrees() {
    }

    /**
     * Kills (SIGKILL on Unix, terminate on Windows) the process {@code pid} and its descendants,
     * children first being captured before the parent dies so none is missed.
     *
     * @return the processes that were still alive and were told to die
     */
    public static List<ProcessHandle> killTree(long pid) {
        Optional<ProcessHandle> root = ProcessHandle.of(pid);
        if (root.isEmpty()) {
            return List.of();
        }
        List<ProcessHandle> tree = new java.util.ArrayList<>(root.get().descendants().toList());
        tree.add(0, root.get());
        List<ProcessHandle> alive = tree.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        return alive;
    }
}
