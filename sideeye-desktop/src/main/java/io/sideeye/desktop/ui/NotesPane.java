package io.sideeye.desktop.ui;

import io.sideeye.desktop.model.InputException;
import io.sideeye.desktop.model.Note;
import io.sideeye.desktop.model.NotesModel;
import io.sideeye.desktop.model.Failures;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The notes view: lists the backend's notes and creates new ones through the manager's
 * {@code apiCall}, so the window shows the real backend at work. Calls never block the FX
 * thread; their answers are applied when they arrive.
 */
final class NotesPane extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

    private final ApiClient api;
    private final NotesModel model = new NotesModel();
    private final ListView<Note> list = new ListView<>();
    private final TextField title = new TextField();
    private final TextArea body = new TextArea();
    private final Button add = new Button("Add note");
    private final Button refresh = new Button("Refresh");
    private final Label message = Fx.label("", "form-message");
    private final Label count = Fx.label("", "muted");

    NotesPane(ApiClient api) {
        this.api = api;
        getStyleClass().add("notes-pane");
        title.setId("noteTitle");
        title.setPromptText("Title");
        body.setId("noteBody");
        body.setPromptText("Write something\u2026");
        body.setPrefRowCount(3);
        body.setWrapText(true);
        add.setId("addNoteButton");
        add.getStyleClass().add("primary");
        add.setDefaultButton(false);
        add.setOnAction(e -> create());
        title.setOnAction(e -> create());
        refresh.setId("refreshNotesButton");
        refresh.getStyleClass().add("flat");
        refresh.setOnAction(e -> reload());
        message.setId("notesMessage");
        message.setWrapText(true);
        list.setId("notesList");
        list.getStyleClass().add("notes-list");
        list.setCellFactory(v -> noteCell());
        list.setPlaceholder(Fx.label("No notes yet. Start the backend and add one.", "muted"));
        VBox.setVgrow(list, Priority.ALWAYS);

        HBox formActions = new HBox(message, Fx.spacer(), add);
        formActions.setAlignment(Pos.CENTER_LEFT);
        formActions.getStyleClass().add("form-actions");
        HBox.setHgrow(message, Priority.SOMETIMES);
        VBox form = new VBox(Fx.label("New note", "section-title"), title, body, formActions);
        form.getStyleClass().add("note-form");
        HBox listHeader = new HBox(Fx.label("Notes", "section-title"), count, Fx.spacer(), refresh);
        listHeader.setAlignment(Pos.CENTER_LEFT);
        listHeader.getStyleClass().add("section-header");
        getChildren().addAll(form, listHeader, list);
    }

    /** Lists the notes again (on start, after a create, on Refresh). */
    void reload() {
        refresh.setDisable(true);
        Fx.onFxThread(api.call(NotesModel.ENDPOINT, "GET", null), (response, failure) -> {
            refresh.setDisable(false);
            if (failure != null) {
                model.failed("Could not load the notes: " + Failures.describe(failure));
            } else {
                model.listed(response);
            }
            show();
        });
    }

    private void create() {
        Map<String, Object> data;
        try {
            data = model.draft(title.getText(), body.getText());
        } catch (InputException e) {
            model.failed(e.getMessage());
            show();
            title.requestFocus();
            return;
        }
        add.setDisable(true);
        Fx.onFxThread(api.call(NotesModel.ENDPOINT, "POST", data), (response, failure) -> {
            add.setDisable(false);
            if (failure != null) {
                model.failed("Could not create the note: " + Failures.describe(failure));
            } else if (model.created(response)) {
                title.clear();
                body.clear();
                reload();
            }
            show();
        });
    }

    private void show() {
        list.getItems().setAll(model.notes());
        count.setText(model.notes().isEmpty() ? "" : Integer.toString(model.notes().size()));
        message.setText(model.message());
        Fx.swapStyle(message, "tone-", model.tone().styleClass());
    }

    private static String when(String iso) {
        try {
            return WHEN.format(OffsetDateTime.parse(iso).atZoneSameInstant(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** A note: bold title, its text, and when it was last changed. */
    private static ListCell<Note> noteCell() {
        Label title = Fx.label("", "note-title");
        Label body = Fx.label("", "note-body");
        body.setWrapText(true);
        body.managedProperty().bind(body.visibleProperty());
        Label meta = Fx.label("", "note-meta");
        VBox card = new VBox(title, body, meta);
        card.getStyleClass().add("note-card");
        return new FilledCell<>(card, () -> { }, note -> {
            title.setText(note.title());
            body.setText(note.body());
            body.setVisible(!note.body().isBlank());
            meta.setText("#" + note.id() + (note.updatedAt().isEmpty() ? "" : " · " + when(note.updatedAt())));
        });
    }
}
