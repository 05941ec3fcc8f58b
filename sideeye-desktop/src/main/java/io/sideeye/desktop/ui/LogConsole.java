package io.sideeye.desktop.ui;

import io.sideeye.desktop.model.BoundedLog;
import io.sideeye.desktop.model.LogEntry;
import io.sideeye.desktop.model.LogKind;
import java.text.NumberFormat;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The live log: the backend's stdout and stderr and the manager's events, coloured by kind,
 * bounded by {@link BoundedLog}, following the newest line unless the user turns that off,
 * with Copy (the selected lines, or all) and Clear.
 */
final class LogConsole extends VBox {
    private final ObservableList<LogEntry> lines = FXCollections.observableArrayList();
    private final BoundedLog log;
    private final ListView<LogEntry> list = new ListView<>(lines);
    private final Label count = Fx.label("", "muted");
    private final ToggleButton follow = new ToggleButton("Follow");

    LogConsole(int capacity) {
        log = new BoundedLog(lines, capacity);
        getStyleClass().addAll("card", "log-console");
        list.setId("logList");
        list.getStyleClass().add("log-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> logCell());
        list.setPlaceholder(Fx.label("No output yet", "muted"));
        VBox.setVgrow(list, Priority.ALWAYS);

        follow.setId("followLog");
        follow.setSelected(true);
        follow.getStyleClass().add("flat");
        Button copy = new Button("Copy");
        copy.setId("copyLogButton");
        copy.getStyleClass().add("flat");
        copy.setOnAction(e -> copy());
        Button clear = new Button("Clear");
        clear.setId("clearLogButton");
        clear.getStyleClass().add("flat");
        clear.setOnAction(e -> log.clear());
        list.setOnKeyPressed(e -> {
            if (KeyCombination.keyCombination("Shortcut+C").match(e)) {
                copy();
            }
        });

        HBox toolbar = new HBox(Fx.label("Backend log", "card-title"), count, Fx.spacer(), follow, copy, clear);
        toolbar.getStyleClass().add("card-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(toolbar, list);

        lines.addListener((ListChangeListener<LogEntry>) c -> {
            count.setText(NumberFormat.getIntegerInstance().format(lines.size()) + " lines"
                    + (log.dropped() > 0 ? " · oldest dropped" : ""));
            if (follow.isSelected() && !lines.isEmpty()) {
                list.scrollTo(lines.size() - 1);
            }
        });
        count.setText("0 lines");
    }

    /** The log the view-model writes into. */
    BoundedLog log() {
        return log;
    }

    /** Copies the selected lines, or every line when none is selected, to the clipboard. */
    void copy() {
        List<LogEntry> selected = list.getSelectionModel().getSelectedItems();
        String text = selected.isEmpty() ? log.toText()
                : selected.stream().map(LogEntry::toText).collect(Collectors.joining(System.lineSeparator()));
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** One line: the time in a muted colour, the text coloured by its kind. */
    private static ListCell<LogEntry> logCell() {
        Label time = Fx.label("", "log-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        Label tag = Fx.label("", "log-tag");
        tag.setMinWidth(Region.USE_PREF_SIZE);
        Label text = Fx.label("", "log-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(time, tag, text);
        row.getStyleClass().add("log-row");
        ListCell<LogEntry> cell = new FilledCell<>(row, () -> {
            for (LogKind kind : LogKind.values()) {
                text.getStyleClass().remove(kind.styleClass());
                tag.getStyleClass().remove(kind.styleClass());
            }
        }, entry -> {
            time.setText(entry.time());
            tag.setText(entry.kind().tag());
            text.setText(entry.text());
            text.getStyleClass().add(entry.kind().styleClass());
            tag.getStyleClass().add(entry.kind().styleClass());
        });
        cell.getStyleClass().add("log-cell");
        return cell;
    }
}
