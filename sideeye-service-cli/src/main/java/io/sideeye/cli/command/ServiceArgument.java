package io.sideeye.cli.command;

import picocli.CommandLine.Parameters;

/** The optional {@code SERVICE} argument of the remote commands: which service of the run they address. */
public final class ServiceArgument {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE",
            description = "The service to address, e.g. worker (default: the run's default service).")
    String name;

    /** The service named, or null for the run's default service. */
    public String name() {
        return name;
    }
}
