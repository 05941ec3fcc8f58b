package io.sideeye.desktop;

import io.sideeye.desktop.config.ConfigSource;
import io.sideeye.desktop.lifecycle.TerminationSignals;
import io.sideeye.desktop.ui.DesktopShell;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfig;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * The JavaFX application: loads the configuration from its {@link ConfigSource}, creates the
 * manager and hands both to a {@link DesktopShell}. Launched by {@link DesktopMain}.
 */
public final class DesktopApp extends Application {
    private static volatile ConfigSource source;

    /** Launches the application with {@code configSource}; returns when the application has exited. */
    public static void launch(ConfigSource configSource, String... args) {
        source = Objects.requireNonNull(configSource, "configSource");
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        ServiceConfig config;
        try {
            config = source.load();
        } catch (IllegalArgumentException e) { // ServiceConfigException included {
            System.err.println("sideeye-desktop: " + e.getMessage());
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.setTitle("SideEye");
            alert.setHeaderText("The backend's configuration is not valid");
            alert.showAndWait();
            Platform.exit();
            System.exit(2);
            return;
        }
        Platform.setImplicitExit(false);
        DjangoServiceManager manager = DjangoServiceManager.create(config);
        DesktopShell shell = new DesktopShell(stage, manager, () -> {
            Platform.exit();
            System.exit(0);
        });
        TerminationSignals.install(shell::requestQuit);
        shell.open();
    }
}
