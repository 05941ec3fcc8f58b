package io.sideeye.desktop;

import io.sideeye.desktop.config.ConfigSource;
import io.sideeye.desktop.config.DesktopArguments;
import io.sideeye.desktop.config.SharedConfigSource;
import java.util.List;

/**
 * Entry point of the desktop app: {@code java io.sideeye.desktop.DesktopMain [-c FILE]
 * [--profile NAME] [--project DIR] [--port N|auto] [--dev]}. Kept apart from {@link DesktopApp} so the app also starts with
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
     * Where the configuration comes from: the same files, profiles and {@code SIDEEYE_*}
     * variables as the {@code sideeye} command, with the desktop's arguments on top.
     */
    static ConfigSource configSource(DesktopArguments arguments) {
        return new SharedConfigSource(arguments);
    }
}
