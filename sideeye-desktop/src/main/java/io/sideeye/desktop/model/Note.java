package io.sideeye.desktop.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One note of the reference backend's notes API.
 *
 * @param id        its id
 * @param title     its title
 * @param body      its text (may be empty)
 * @param createdAt when it was created, as the API wrote it (ISO-8601)
 * @param updatedAt when it was last changed, as the API wrote it (ISO-8601)
 */
public record Note(long id, String title, String body, String createdAt, String updatedAt) {

    /** The note in {@code node} ({@code {id, title, body, createdAt, updatedAt}}); missing fields read as empty. */
    public static Note of(JsonNode node) {
        return new Note(node.path("id").asLong(), node.path("title").asText(""), node.path("body").asText(""),
                node.path("createdAt").asText(""), node.path("updatedAt").asText(""));
    }
}
