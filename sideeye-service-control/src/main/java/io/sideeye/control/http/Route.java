package io.sideeye.control.http;

import java.io.IOException;

/**
 * Serves one method and path. It must answer exactly once, either before returning or later
 * from another thread (asynchronous routes answer when the manager's future completes).
 */
@FunctionalInterface
public interface Route {
    /** Handles the request. A thrown {@link HttpStatusException} becomes that status. */
    void handle(ControlExchange exchange) throws IOException;
}
