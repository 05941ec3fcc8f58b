package io.sideeye.service.process;

import java.io.IOException;

/** Spawns child processes. The seam between the supervisor and the operating system. */
public interface ProcessLauncher {

    /**
     * Starts the process described by {@code spec} without a shell. Its output is drained
     * continuously into {@link LaunchSpec#output()} from the moment it starts.
     *
     * @throws IOException when the executable cannot be started; the message names it
     */
    ChildProcess launch(LaunchSpec spec) throws IOException;
}
