package io.sideeye.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.ServiceJson;
import org.junit.jupiter.api.Test;

class NotesModelTest {
    private final NotesModel notes = new NotesModel();

    private static ApiResponse answer(int status, String json, String error) throws Exception {
        return new ApiResponse(status / 100 == 2, status, json == null ? null : ServiceJson.reader().readTree(json), error, 4);
    }

    @Test
    void aListingIsRead() throws Exception {
        assertThat(notes.listed(answer(200, "{\"count\":2,\"notes\":[{\"id\":2,\"title\":\"b\",\"body\":\"\","
                + "\"createdAt\":\"2026-01-02T03:04:05Z\",\"updatedAt\":\"2026-01-02T03:04:06Z\"},{\"id\":1,\"title\":\"a\"}]}", null)))
                .isTrue();
        assertThat(notes.notes()).containsExactly(
                new Note(2, "b", "", "2026-01-02T03:04:05Z", "2026-01-02T03:04:06Z"), new Note(1, "a", "", "", ""));
    }

    @Test
    void aFailedListingKeepsTheLastNotesAndSaysWhy() throws Exception {
        notes.listed(answer(200, "{\"count\":1,\"notes\":[{\"id\":1,\"title\":\"a\"}]}", null));
        assertThat(notes.listed(answer(500, null, "HTTP 500 Internal Server Error"))).isFalse();
        assertThat(notes.notes()).hasSize(1);
        assertThat(notes.message()).isEqualTo("Could not load the notes: HTTP 500 Internal Server Error");
        assertThat(notes.tone()).isEqualTo(StatusTone.ERROR);
        assertThat(notes.listed(answer(200, "{\"items\":[]}", null))).isFalse();
        assertThat(notes.message()).contains("no \"notes\" list");
        assertThat(notes.listed(answer(200, "{\"notes\":[]}", null))).isTrue();
        assertThat(notes.message()).isEmpty();
    }

    @Test
    void theFormNeedsATitleOfReasonableLength() throws Exception {
        assertThat(notes.draft("  Shopping ", " milk ")).containsExactly(
                java.util.Map.entry("title", "Shopping"), java.util.Map.entry("body", "milk"));
        assertThatThrownBy(() -> notes.draft(" ", "x")).isInstanceOf(InputException.class).hasMessage("Give the note a title.");
        assertThatThrownBy(() -> notes.draft("x".repeat(201), "")).hasMessage("The title has 201 characters; keep it to 200.");
    }

    @Test
    void creationSaysWhatHappenedUsingTheApisOwnError() throws Exception {
        assertThat(notes.created(answer(201, "{\"id\":3,\"title\":\"Shopping\"}", null))).isTrue();
        assertThat(notes.message()).isEqualTo("Created \u201cShopping\u201d.");
        assertThat(notes.tone()).isEqualTo(StatusTone.OK);

        assertThat(notes.created(answer(400, "{\"error\":\"This field is required.\",\"field\":\"title\"}", "HTTP 400 Bad Request")))
                .isFalse();
        assertThat(notes.message()).isEqualTo("Could not create the note: title: This field is required.");
        assertThat(notes.created(answer(0, null, "connection refused"))).isFalse();
        assertThat(notes.message()).isEqualTo("Could not create the note: connection refused");
    }
}
