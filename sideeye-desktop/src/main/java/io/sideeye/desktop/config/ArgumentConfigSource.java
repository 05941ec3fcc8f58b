package io.sideeye.desktop.config;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import java.nio.file.Path;

/**
 * Builds the configuration from the desktop shell's own arguments on top of the library's
 * documented defaults. Only the values a desktop user needs to choose are offered here; every
 * other key keeps its default.
 */
public final class ArgumentConfigSource implements ConfigSource {
    /** The project folder used when {@code --project} is not given, relative to the working directory. */
    public static final Path DEFAULT_PROJECT = Path.of("backend");
    /** The port used in development mode when {@code --port} is not given (the seed's Django port). */
    public static final int DEFAULT_DEV_PORT = 8000;

    private final DesktopArguments arguments;

    /** A source for the parsed {@code arguments}. */
    public ArgumentConfigSource(DesktopArguments arguments) {
        this.arguments = arguments;
    }

    @Override
    public ServiceConfig load() {
        return builder().config();
    }

    /** The builder with the arguments applied, for callers that tune more values before building. */
    public ServiceBuilder builder() {
        int port = arguments.port() != null ? arguments.port() : arguments.dev() ? DEFAULT_DEV_PORT : 0;
        return DjangoServiceManager.builder()
                .projectDir(arguments.project() != null ? arguments.project() : DEFAULT_PROJECT)
                .port(port)
                .dev(arguments.dev());
    }
}
