package io.sideeye.testsupport;

import java.util.List;

/** The machine's live processes, found by what their command lines say: evidence that nothing was left behind. */
public final class ProcessTable {
    private ProcessTable() {
    }

    /** Live processes whose command line contains any of {@code markers} (e.g. a port, a folder, a unique argument). */
    public static List<ProcessHandle> mentioning(String... markers) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> List.of(markers).stream().anyMatch(c::contains))
                        .orElse(false))
                .toList();
    }

    /** Servers on {@code port}: processes whose command line names {@code 127.0.0.1:<port>} or {@code --port <port>}. */
    public static List<ProcessHandle> serversOnPort(int port) {
        return mentioning("127.0.0.1:" + port, "--port " + port);
    }
}
