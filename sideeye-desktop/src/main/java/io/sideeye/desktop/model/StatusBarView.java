package io.sideeye.desktop.model;

/**
 * Everything the status bar shows, as text ready to display.
 *
 * @param headline  the state in words: {@code Running}, {@code Starting}, {@code Unhealthy}, ...
 * @param tone      its colour
 * @param message   the error or hint under the headline, or null
 * @param state     the manager's state name, e.g. {@code RUNNING}
 * @param pid       the backend's process id, or {@link Formats#NONE}
 * @param port      the port, or {@link Formats#NONE} while a free one is still to be chosen
 * @param uptime    time since it became healthy, e.g. {@code 2m 05s}, or {@link Formats#NONE}
 * @param restarts  automatic restarts since launch
 * @param latency   the last health check's latency, or {@link Formats#NONE}
 * @param url       the backend's base URL, or {@link Formats#NONE}
 * @param external  development mode: the backend is managed outside the app
 */
public record StatusBarView(String headline, StatusTone tone, String message, String state, String pid,
                            String port, String uptime, String restarts, String latency, String url,
                            boolean external) {
}
