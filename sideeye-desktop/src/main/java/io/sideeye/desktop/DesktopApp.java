package io.sideeye.desktop;

import io.sideeye.desktop.config.ConfigSource;
import io.sideeye.desktop.install.BackendLogFile;
import io.sideeye.desktop.install.Installation;
import io.sideeye.desktop.install.PythonRequirement.MissingPythonException;
import io.sideeye.desktop.install.SingleInstance;
import io.sideeye.desktop.lifecycle.TerminationSignals;
import io.sideeye.desktop.ui.DesktopShell;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

/**
 * The JavaFX application: loads the configuration from its {@link ConfigSource}, creates the
 * manager and hands both to a {@link DesktopShell}. Launched by {@link DesktopMain}.
 */
public final class DesktopApp extends Application {
    private static volatile ConfigSource source;
    private static volatile SingleInstance instance;
    private static volatile Installation installation;

    /** Launches the application with {@code configSource}; returns when the application has exited. */
    public static void launch(ConfigSource configSource, String... args) {
        launch(configSource, null, null);
    }

    /**
     * Launches the installed application: as {@link #launch(ConfigSource, String...)}, and brings
     * the window forward when {@code singleInstance} is asked to; the backend's log goes to the
     * installation's logs folder.
     *
     * @param singleInstance this user's app lock, or null
     * @param install        the installed app's folders, or null when running from a checkout
     */
    static void launch(ConfigSource configSource, SingleInstance singleInstance, Installation install) {
        source = Objects.requireNonNull(configSource, "configSource");
        instance = singleInstance;
        installation = install;
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        ServiceConfig config;
        try {
            config = source.load();
        } catch (MissingPythonException e) {
            System.err.println("sideeye-desktop: " + e.getMessage());
            System.err.println(e.remedy());
            showError("SideEye needs Python with Django to run its backend",
                    "No Python interpreter that can run the backend was found:\n  - "
                            + String.join("\n  - ", e.tried()) + "\n\n" + e.remedy());
            exit(1);
            return;
        } catch (IllegalArgumentException e) { // ServiceConfigException included
            System.err.println("sideeye-desktop: " + e.getMessage());
            showError("The backend's configuration is not valid", e.getMessage());
            exit(2);
            return;
        }
        Platform.setImplicitExit(false);
        DjangoServiceManager manager = DjangoServiceManager.create(config);
        if (installation != null) {
            try {
                manager.onAny(BackendLogFile.open(installation.logsDir()));
            } catch (IOException e) {
                System.err.println("sideeye-desktop: cannot open a log file in " + installation.logsDir() + " ("
                        + e.getMessage() + "); the log stays in the window only");
            }
        }
        DesktopShell shell = new DesktopShell(stage, manager, () -> exit(0));
        TerminationSignals.install(shell::requestQuit);
        shell.open();
        if (instance != null) {
            instance.onActivate(shell::bringForward);
        }
    }

    private static void showError(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("SideEye");
        alert.setHeaderText(header);
        TextArea details = new TextArea(text);
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefColumnCount(72);
        details.setPrefRowCount(Math.min(14, text.split("\n").length + 2));
        alert.getDialogPane().setContent(details);
        alert.showAndWait();
    }

    private static void exit(int code) {
        Platform.exit();
        System.exit(code);
    }
}
