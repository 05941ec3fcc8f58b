package io.sideeye.cli.command;

import io.sideeye.config.ConfigRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --project}, {@code --port}, {@code --python}, {@code --dev}: the most used keys as options. */
public final class ProjectOptions {
    /** The options' names. */
    static final String PROJECT = "--project";
    static final String PORT = "--port";
    static final String PYTHON = "--python";
    static final String DEV = "--dev";

    @Option(names = PROJECT, paramLabel = "DIR", description = "Django project folder (where manage.py is).")
    Path project;

    @Option(names = PORT, paramLabel = "N|auto", description = "Backend port; auto picks a free one.")
    String port;

    @Option(names = PYTHON, paramLabel = "PATH", description = "Python interpreter (default: discovered).")
    String python;

    @Option(names = DEV, description = "Development mode (isDev): the backend runs elsewhere; only monitor it.")
    boolean dev;

    /** The values given, as configuration flags. */
    public List<ConfigRequest.Flag> flags() {
        List<ConfigRequest.Flag> flags = new ArrayList<>();
        if (project != null) {
            flags.add(new ConfigRequest.Flag("projectDir", project.toString(), PROJECT));
        }
        if (port != null) {
            flags.add(new ConfigRequest.Flag("port", port, PORT));
        }
        if (python != null) {
            flags.add(new ConfigRequest.Flag("python", python, PYTHON));
        }
        if (dev) {
            flags.add(new ConfigRequest.Flag("isDev", Boolean.TRUE, DEV));
        }
        return flags;
    }
}
