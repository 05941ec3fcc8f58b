package io.sideeye.desktop;

import io.sideeye.desktop.config.ConfigSource;
import io.sideeye.desktop.config.DesktopArguments;
import io.sideeye.desktop.config.SharedConfigSource;
import io.sideeye.desktop.install.HeadlessCheck;
import io.sideeye.desktop.install.Installation;
import io.sideeye.desktop.install.PythonRequirement.MissingPythonException;
import io.sideeye.desktop.install.SingleInstance;
import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the desktop app: {@code java io.sideeye.desktop.DesktopMain [-c FILE]
 * [--profile NAME] [--project DIR] [--port N|auto] [--python EXE] [--dev] [--check]}. Kept apart
 * from {@link DesktopApp} so the app also starts with JavaFX on the class path.
 *
 * <p>The installed app ({@link Installation}) is one per user: a second launch brings the first
 * window forward and exits.
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
        if (arguments.check()) {
            System.exit(check(configSource(arguments)));
            return;
        }
        Optional<Installation> installation = Installation.current();
        SingleInstance instance = null;
        if (installation.isPresent()) {
            instance = claimOrActivate(installation.get());
        }
        DesktopApp.launch(configSource(arguments), instance, installation.orElse(null));
    }

    /**
     * Where the configuration comes from: the same files, profiles and {@code SIDEEYE_*}
     * variables as the {@code sideeye} command, with the desktop's arguments on top.
     */
    static ConfigSource configSource(DesktopArguments arguments) {
        return new SharedConfigSource(arguments);
    }

    private static int check(ConfigSource source) {
        ServiceConfig config;
        try {
            config = source.load();
        } catch (MissingPythonException e) {
            System.out.println("check: FAILED: " + e.getMessage());
            System.out.println(e.remedy());
            return 1;
        } catch (IllegalArgumentException e) {
            System.out.println("check: FAILED: the configuration is not valid: " + e.getMessage());
            return 2;
        }
        return HeadlessCheck.run(config, System.out);
    }

    /** This user's one running app, or exits after bringing the running one forward. */
    private static SingleInstance claimOrActivate(Installation installation) {
        try {
            SingleInstance instance = SingleInstance.claim(installation.runtimeDir());
            if (instance != null) {
                return instance;
            }
            if (SingleInstance.activateRunning(installation.runtimeDir(), Duration.ofSeconds(10))) {
                System.out.println("sideeye-desktop: already running; brought its window forward");
                System.exit(0);
            }
            System.err.println("sideeye-desktop: another SideEye app holds " + installation.runtimeDir().resolve("instance.lock")
                    + " but does not answer; quit it (or end its process) and launch again");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("sideeye-desktop: cannot use " + installation.runtimeDir() + " for the single-instance lock ("
                    + e.getMessage() + "); going on without it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        return null;
    }
}
