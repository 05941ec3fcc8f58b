package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceJson;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The seed's reply envelopes: {@code {"success":true, ...}} or {@code {"success":false,"error":...}}. */
final class Envelopes {
    private Envelopes() {
    }

    static ObjectNode ok() {
        ObjectNode n = ServiceJson.object();
        n.put("success", true);
        return n;
    }

    static ObjectNode failure(String error) {
        ObjectNode n = ServiceJson.object();
        n.put("success", false);
        n.put("error", error);
        return n;
    }

    /** The not-initialized envelope, with the seed's extra key (e.g. {@code "status":null}). */
    static ObjectNode notInitialized(String extraKey, Object extraValue) {
        ObjectNode n = failure(StatusPayload.NOT_INITIALIZED);
        if (extraKey != null) {
            n.set(extraKey, ServiceJson.tree(extraValue));
        }
        return n;
    }

    /** The cause a future failed with, without the concurrency wrappers. */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** A readable message for a failure. */
    static String message(Throwable t) {
        Throwable c = unwrap(t);
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
