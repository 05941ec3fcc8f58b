package io.sideeye.desktop;

import io.sideeye.desktop.config.ArgumentConfigSource;
import io.sideeye.desktop.config.ConfigSource;
import io.sideeye.desktop.config.DesktopArguments;
import java.util.List;

/**
 * Entry point of the desktop app: {@code java io.sideeye.desktop.DesktopMain [--project DIR]
 * [--port N|auto] [--dev]}. Kept apart from {@link DesktopApp} so the app also starts with
 * JavaFX on the class path.
 */
public final class DesktopMain {
    private DesktopMain() {
    }

    /** Parses the arguments and launches the window; exits with 2 after a usage error. */
    public static void main(String[] args) {
        DesktopArguments arguments;
        try {
            arguments = DesktopArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("sideeye-desktop: " + e.getMessage());
            System.err.println(DesktopArguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.println(DesktopArguments.USAGE);
            return;
        }
        DesktopApp.launch(configSource(arguments));
    }

    /**
     * Where the configuration comes from. This is the one place to plug in the CLI's
     * configuration loader ({@code sideeye.yaml}, environment, profiles) so that the desktop and
     * the {@code sideeye} command read the same settings; until then the desktop's own arguments
     * are applied over the library's defaults.
     */
    static ConfigSource configSource(DesktopArguments arguments) {
        return new ArgumentConfigSource(arguments);
    }
}
