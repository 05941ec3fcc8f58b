package io.sideeye.cli.remote;

/**
 * One Server-Sent Event.
 *
 * @param event the event type ({@code message} when the stream gave none)
 * @param data  its data lines joined with newlines
 */
public record SseMessage(String event, String data) {
}
