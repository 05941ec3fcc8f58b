package io.sideeye.service.async;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The failure behind the wrappers that futures put around it. The one place in the core that
 * unwraps them, so that every message names the real cause (a refused connection, a launch
 * error), never {@code java.util.concurrent.CompletionException: ...}.
 */
public final class Causes {
    private Causes() {
    }

    /**
     * The cause behind any number of {@link CompletionException} and {@link ExecutionException}
     * wrappers; {@code error} itself when it is not one, or is one without a cause.
     */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
