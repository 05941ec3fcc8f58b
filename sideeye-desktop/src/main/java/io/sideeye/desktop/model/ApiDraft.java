package io.sideeye.desktop.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ServiceJson;
import java.util.List;
import java.util.Locale;

/**
 * A request typed into the API console, checked before it is sent.
 *
 * @param method   the HTTP method, upper case
 * @param endpoint the endpoint below the API base path, e.g. {@code /notes/}
 * @param body     the JSON body, or null for none
 */
public record ApiDraft(String method, String endpoint, JsonNode body) {
    /** The methods the console offers, in menu order. */
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /**
     * Checks what the user typed: a known method, an endpoint starting with {@code /}, and a body
     * that is empty or valid JSON. The manager checks the endpoint again before it is called.
     *
     * @throws InputException with a message naming the field and what to type instead
     */
    public static ApiDraft parse(String method, String endpoint, String body) throws InputException {
        String m = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw new InputException("Method '" + method + "' is not supported; choose one of " + METHODS);
        }
        String e = endpoint == null ? "" : endpoint.trim();
        if (e.isEmpty()) {
            throw new InputException("Endpoint is empty; type a path such as /notes/");
        }
        if (!e.startsWith("/")) {
            throw new InputException("Endpoint '" + e + "' must start with /, e.g. /notes/");
        }
        String b = body == null ? "" : body.strip();
        if (b.isEmpty()) {
            return new ApiDraft(m, e, null);
        }
        try {
            return new ApiDraft(m, e, ServiceJson.reader().readTree(b));
        } catch (JsonProcessingException ex) {
            var at = ex.getLocation();
            throw new InputException("Body is not valid JSON" + (at != null
                    ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "")
                    + ": " + ex.getOriginalMessage().lines().findFirst().orElse("")
                    + ". Fix it or leave the body empty.");
        }
    }
}
