package io.sideeye.service;

import io.sideeye.service.process.CommandRequest;
import io.sideeye.service.process.CommandResolutionException;
import io.sideeye.service.process.DjangoCommandResolver;
import io.sideeye.service.process.Executables;
import io.sideeye.service.process.ResolvedCommand;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a start of a managed service runs, resolved the way the manager resolves it: the server
 * preset or custom command, the discovered (or configured) Python interpreter, {@code {host}},
 * {@code {port}} and {@code {python}} expanded. It lets another engine (systemd, Kubernetes) run
 * exactly what the manager would.
 *
 * <p>The plan leaves out what each launch makes anew: {@code SIDEEYE_INSTANCE_ID},
 * {@code SIDEEYE_API_TOKEN} and {@code SIDEEYE_PARENT_PID}.
 *
 * @param argv             the command line; element 0 is the absolute path of the executable
 * @param workingDirectory the absolute project folder, the child's working directory
 * @param environment      the variables added to the inherited environment, in this order (later
 *                         ones win): {@code PYTHONUNBUFFERED=1}, what the server preset needs
 *                         ({@code DJANGO_SETTINGS_MODULE}), the configured {@code environment}
 * @param interpreter      the absolute path of the Python interpreter the argv runs, or null when
 *                         a custom command uses no {@code {python}}
 * @param description      a short human description, e.g. {@code waitress serving app.wsgi:application with ...}
 * @param healthUrl        the URL the manager's health checks of this launch probe
 *                         ({@code http://host:port} and {@code healthPath}; {@code localhost} as 127.0.0.1)
 */
public record LaunchPlan(List<String> argv, Path workingDirectory, Map<String, String> environment,
                         String interpreter, String description, URI healthUrl) {

    /** Keeps unmodifiable copies; the environment keeps its order. */
    public LaunchPlan {
        argv = List.copyOf(argv);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * Resolves what a start of {@code config} would spawn on this machine. May run short probe
     * processes (Python discovery), so it can take a moment.
     *
     * @throws ServiceConfigException when nothing would be spawned (an external service or development mode), the port is
     *         0 (a plan needs the port it binds), the executable of a custom command cannot be found,
     *         or no usable command can be made (its message lists what was tried and how to fix it)
     */
    public static LaunchPlan resolve(ServiceConfig config) {
        if (config.external() != null) {
            throw new ServiceConfigException("external", "external: the service runs elsewhere (" + config.external()
                    + "), so there is no command to run; only a managed service (no external URL) has a launch plan");
        }
        if (config.dev()) {
            throw new ServiceConfigException("isDev", "isDev: the service is managed externally in development"
                    + " mode, so there is no command to run; turn isDev off to resolve what a start would run");
        }
        if (config.port() == 0) {
            throw new ServiceConfigException("port", "port: 0 picks a free port at each start, but a launch plan"
                    + " needs the port the service binds; set a fixed port, e.g. 8000");
        }
        Path dir = config.projectDir().toAbsolutePath().normalize();
        ResolvedCommand command;
        try {
            command = new DjangoCommandResolver().resolve(new CommandRequest(config.python(), dir, config.server(),
                    config.settingsModule(), config.wsgiApplication(), config.command(), config.connectHost(),
                    config.port(), config.environment()));
        } catch (CommandResolutionException e) {
            throw new ServiceConfigException("command", e.getMessage());
        }
        List<String> argv = new ArrayList<>(command.argv());
        argv.set(0, absoluteExecutable(argv.get(0), dir));
        return new LaunchPlan(argv, dir, environment(command, config), command.interpreter(), command.description(),
                URI.create(ServiceUrls.baseUrl(config, config.port()) + config.healthPath()));
    }

    /** The child's environment apart from per-launch values; the launcher adds those after it. */
    static Map<String, String> environment(ResolvedCommand command, ServiceConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(new TreeMap<>(command.environment()));
        env.putAll(new TreeMap<>(config.environment()));
        return env;
    }

    /**
     * A name is looked up on this process's {@code PATH} (as the launcher's spawn would); a
     * relative path is taken from the project folder, the child's working directory.
     */
    private static String absoluteExecutable(String executable, Path dir) {
        if (executable.contains("/") || executable.contains("\\")) {
            return dir.resolve(executable).toAbsolutePath().normalize().toString();
        }
        return Executables.onPath(executable).map(Path::toString).orElseThrow(() -> new ServiceConfigException(
                "command", "command: '" + executable + "' is not found on PATH; write its absolute path in command,"
                        + " or add its folder to PATH"));
    }
}
