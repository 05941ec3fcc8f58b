package io.sideeye.desktop.config;

import io.sideeye.config.ConfigException;
import io.sideeye.config.ConfigKey;
import io.sideeye.config.ConfigLoader;
import io.sideeye.config.ConfigRequest;
import io.sideeye.config.ResolvedConfig;
import io.sideeye.desktop.install.Installation;
import io.sideeye.desktop.install.PythonRequirement;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration exactly as the {@code sideeye} command reads it — {@code sideeye.yaml} (or
 * {@code -c}), its profiles, {@code SIDEEYE_*} variables, then the desktop's own flags — so the
 * app and the command never disagree. Where none of those sets the project folder or the port,
 * the desktop's defaults apply: the bundled {@code backend} on a free port (8000 with {@code --dev}).
 *
 * <p>In the installed app ({@link Installation}) the bundled backend is the one in the app folder,
 * its database and Python's byte-code cache go to the user's XDG folders, and the interpreter is
 * checked before anything starts: where none qualifies, {@link #load()} throws
 * {@link PythonRequirement.MissingPythonException} with the remedy.
 */
public final class SharedConfigSource implements ConfigSource {
    private final DesktopArguments arguments;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Installation installation;

    /** A source reading the process environment and working directory. */
    public SharedConfigSource(DesktopArguments arguments) {
        this(arguments, System.getenv(), Path.of(""), Installation.current().orElse(null));
    }

    /** A source with an explicit environment and working directory (for tests). */
    public SharedConfigSource(DesktopArguments arguments, Map<String, String> env, Path workingDir) {
        this(arguments, env, workingDir, null);
    }

    /**
     * A source with an explicit environment, working directory and installation.
     *
     * @param installation the installed app's folders, or null when running from a checkout
     */
    public SharedConfigSource(DesktopArguments arguments, Map<String, String> env, Path workingDir,
                              Installation installation) {
        this.arguments = arguments;
        this.env = env;
        this.workingDir = workingDir.toAbsolutePath();
        this.installation = installation;
    }

    @Override
    public ServiceConfig load() {
        ResolvedConfig resolved;
        try {
            resolved = ConfigLoader.load(new ConfigRequest(arguments.config(), arguments.profile(), flags(), env,
                    workingDir));
        } catch (ConfigException e) {
            throw new ServiceConfigException("configuration", e.getMessage());
        }
        ServiceBuilder builder = resolved.config().toBuilder();
        if (isDefault(resolved, ConfigKey.PROJECT_DIR)) {
            builder.projectDir(installation != null ? installation.backend()
                    : workingDir.resolve(ArgumentConfigSource.DEFAULT_PROJECT));
        }
        if (isDefault(resolved, ConfigKey.PORT)) {
            builder.port(resolved.config().dev() ? ArgumentConfigSource.DEFAULT_DEV_PORT : 0);
        }
        if (installation != null && !resolved.config().dev()) {
            Map<String, String> environment = new LinkedHashMap<>(installation.backendEnvironment(env));
            environment.putAll(resolved.config().environment());
            builder.environment(environment);
            // Checked as the manager's start checks it, with the backend's folder and environment:
            // that start reuses the answer instead of starting Python again.
            ServiceConfig config = builder.config();
            builder.python(PythonRequirement.find(PythonRequirement.candidates(resolved.config().python()),
                    config.projectDir(), config.environment()).executable());
        }
        return builder.config();
    }

    private List<ConfigRequest.Flag> flags() {
        List<ConfigRequest.Flag> flags = new ArrayList<>();
        if (arguments.project() != null) {
            flags.add(new ConfigRequest.Flag("projectDir", arguments.project().toString(), "--project"));
        }
        if (arguments.port() != null) {
            flags.add(new ConfigRequest.Flag("port", arguments.port() == 0 ? "auto" : arguments.port().toString(),
                    "--port"));
        }
        if (arguments.python() != null) {
            flags.add(new ConfigRequest.Flag("python", arguments.python(), "--python"));
        }
        if (arguments.dev()) {
            flags.add(new ConfigRequest.Flag("isDev", Boolean.TRUE, "--dev"));
        }
        return flags;
    }

    private static boolean isDefault(ResolvedConfig resolved, ConfigKey key) {
        return resolved.sourceOf(key).kind() == io.sideeye.config.ConfigSource.Kind.DEFAULT;
    }
}
