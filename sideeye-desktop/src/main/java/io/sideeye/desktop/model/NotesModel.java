package io.sideeye.desktop.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notes view without the toolkit: the notes last listed by {@code GET /notes/}, the form
 * checks before {@code POST /notes/}, and the one-line message under the form. The API is the
 * reference backend's: {@code GET} answers {@code {"count": n, "notes": [...]}}, {@code POST}
 * takes {@code {title, body}} and answers 201 with the note, or 400 with {@code {"error", "field"}}.
 */
public final class NotesModel {
    /** The endpoint of the notes API, below the API base path. */
    public static final String ENDPOINT = "/notes/";
    /** The longest title the form accepts (the backend's limit). */
    public static final int MAX_TITLE = 200;

    private List<Note> notes = List.of();
    private String message = "";
    private StatusTone tone = StatusTone.IDLE;

    /** The notes of the last successful listing, as the API ordered them. */
    public List<Note> notes() {
        return notes;
    }

    /** The message for the user, or empty. */
    public String message() {
        return message;
    }

    /** The message's colour. */
    public StatusTone tone() {
        return tone;
    }

    /**
     * Takes the answer of {@code GET /notes/}.
     *
     * @return true when the notes were read; false when the message says why not
     */
    public boolean listed(ApiResponse response) {
        if (!response.success()) {
            fail("Could not load the notes: " + reason(response));
            return false;
        }
        JsonNode list = response.data() == null ? null : response.data().get("notes");
        if (list == null || !list.isArray()) {
            fail("Could not load the notes: the answer has no \"notes\" list (is this the SideEye backend?)");
            return false;
        }
        List<Note> read = new ArrayList<>(list.size());
        list.forEach(n -> read.add(Note.of(n)));
        notes = List.copyOf(read);
        if (tone == StatusTone.ERROR) {
            message = "";
            tone = StatusTone.IDLE;
        }
        return true;
    }

    /**
     * The body of {@code POST /notes/} for the form's values.
     *
     * @throws InputException when the title is empty or too long
     */
    public Map<String, Object> draft(String title, String body) throws InputException {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) {
            throw new InputException("Give the note a title.");
        }
        if (t.length() > MAX_TITLE) {
            throw new InputException("The title has " + t.length() + " characters; keep it to " + MAX_TITLE + ".");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", t);
        data.put("body", body == null ? "" : body.strip());
        return data;
    }

    /**
     * Takes the answer of {@code POST /notes/}.
     *
     * @return true when the note was created
     */
    public boolean created(ApiResponse response) {
        if (response.status() == 201 || response.success()) {
            String title = response.data() != null ? response.data().path("title").asText("") : "";
            message = title.isEmpty() ? "Note created." : "Created \u201c" + title + "\u201d.";
            tone = StatusTone.OK;
            return true;
        }
        fail("Could not create the note: " + reason(response));
        return false;
    }

    /** Shows an input problem or a call that could not be made. */
    public void failed(String text) {
        fail(text);
    }

    private void fail(String text) {
        message = text;
        tone = StatusTone.ERROR;
    }

    /** The API's own error text ({@code {"error": ..., "field": ...}}) when it gave one, else the manager's. */
    private static String reason(ApiResponse response) {
        JsonNode data = response.data();
        if (data != null && data.hasNonNull("error")) {
            String field = data.path("field").asText("");
            return (field.isEmpty() ? "" : field + ": ") + data.get("error").asText();
        }
        return response.error() != null ? response.error() : "HTTP " + response.status();
    }
}
