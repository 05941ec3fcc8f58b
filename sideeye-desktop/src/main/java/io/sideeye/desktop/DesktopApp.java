package io.sideeye.desktop;

import io.sideeye.desktop.config.ConfigSource;
import io.sideeye.desktop.install.Installation;
import io.sideeye.desktop.install.PythonRequirement.MissingPythonException;
import io.sideeye.desktop.install.SingleInstance;
import io.sideeye.desktop.lifecycle.PrismPipeline;
import io.sideeye.desktop.lifecycle.TerminationSignals;
import io.sideeye.desktop.ui.DesktopShell;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

/**
 * The JavaFX application: the manager, created from its {@link ConfigSource} and started while
 * JavaFX starts ({@link EarlyStart}), handed to a {@link DesktopShell}. Launched by
 * {@link DesktopMain}.
 */
public final class DesktopApp extends Application {
    private static volatile CompletableFuture<EarlyStart> early;
    private static volatile SingleInstance instance;

    /** Launches the application with {@code configSource}; returns when the application has exited. */
    public static void launch(ConfigSource configSource, String... args) {
        launch(configSource, null, null);
    }

    /**
     * Launches the application; the backend starts while JavaFX starts. The installed app brings
     * its window forward when {@code singleInstance} is asked to, and logs the backend to its
     * logs folder.
     *
     * @param singleInstance this user's app lock, or null
     * @param installation   the installed app's folders, or null when running from a checkout
     */
    static void launch(ConfigSource configSource, SingleInstance singleInstance, Installation installation) {
        early = EarlyStart.begin(Objects.requireNonNull(configSource, "configSource"), installation);
        instance = singleInstance;
        PrismPipeline.choose();
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        EarlyStart started;
        try {
            started = EarlyStart.await(early);
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
        DesktopShell shell = new DesktopShell(stage, started.manager(), () -> exit(0));
        TerminationSignals.install(shell::requestQuit);
        shell.open(started.events(), started.subscription());
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
