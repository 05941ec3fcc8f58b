package io.sideeye.desktop.ui;

import io.sideeye.desktop.model.ActionAvailability;
import io.sideeye.desktop.model.ServiceAction;
import io.sideeye.desktop.model.StatusBarView;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The window's layout: header with status and buttons on top, the log on the left, notes and
 * the API console in tabs on the right, the status bar at the bottom. Styled by
 * {@code sideeye.css}.
 */
final class DesktopWindow {
    static final double WIDTH = 1180;
    static final double HEIGHT = 760;

    private final HeaderBar header;
    private final LogConsole log;
    private final NotesPane notes;
    private final StatusBar statusBar = new StatusBar();
    private final Scene scene;

    DesktopWindow(String subtitle, String apiBasePath, int logCapacity, ApiClient api, Consumer<ServiceAction> onAction) {
        header = new HeaderBar(subtitle, onAction);
        log = new LogConsole(logCapacity);
        notes = new NotesPane(api);

        Tab notesTab = new Tab("Notes", notes);
        notesTab.setId("notesTab");
        Tab apiTab = new Tab("API console");
        apiTab.setId("apiTab");
        // Made when first chosen: the window's first show, on a cold start's critical path, does
        // not style, skin and lay out the controls hidden behind the Notes tab.
        apiTab.selectedProperty().addListener((selected, was, is) -> {
            if (is && apiTab.getContent() == null) {
                apiTab.setContent(new ApiConsolePane(api, apiBasePath));
            }
        });
        TabPane tabs = new TabPane(notesTab, apiTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().addAll("card", "side-tabs");

        SplitPane center = new SplitPane(log, tabs);
        center.setOrientation(Orientation.HORIZONTAL);
        center.setDividerPositions(0.56);
        center.getStyleClass().add("workspace");

        BorderPane root = new BorderPane(center, header, null, statusBar, null);
        root.getStyleClass().add("root-pane");
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(DesktopWindow.class.getResource("sideeye.css"),
                "sideeye.css is missing from the application's resources").toExternalForm());
    }

    Scene scene() {
        return scene;
    }

    LogConsole log() {
        return log;
    }

    NotesPane notes() {
        return notes;
    }

    void show(StatusBarView view, ActionAvailability availability) {
        header.show(view, availability);
        statusBar.show(view);
    }
}
