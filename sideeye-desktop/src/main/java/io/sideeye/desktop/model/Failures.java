package io.sideeye.desktop.model;

import io.sideeye.service.ServiceNotRunningException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failed call into a sentence for the window; never a stack trace. */
public final class Failures {
    private Failures() {
    }

    /** The user-facing text of {@code failure}, unwrapping the future's wrappers. */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ServiceNotRunningException) {
            return "The backend is not running. Start it, then try again.";
        }
        String message = t.getMessage();
        if (t instanceof IllegalArgumentException && message != null) {
            return message;
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return "No answer in time" + (message != null ? ": " + message : "");
        }
        String kind = t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return message == null || message.isBlank() ? "Unexpected " + kind + " failure" : message;
    }
}
