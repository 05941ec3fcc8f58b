package io.sideeye.service.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.sideeye.service.json.DataJson;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.Quoting;

/**
 * Turns an {@code apiCall(endpoint, method, data)} into the {@link ApiRequest} to send
 * ({@link ApiRequest#toCall} then gives the {@link HttpCall}).
 *
 * <p>The body: {@code data} is always serialised to JSON with the core's configured data binding ({@link DataJson}), so a
 * {@code Map}, {@code List}, record or {@code JsonNode} becomes its JSON form and a
 * {@code String} becomes a JSON string ({@code "abc"}). To send JSON text you already have,
 * pass {@code ServiceJson.reader().readTree(text)}. Null (or a JSON null node) means no body.
 * GET and HEAD requests cannot carry data: their parameters belong in the endpoint's query
 * string, and many servers ignore or reject a body on them, so such a call is refused rather
 * than silently sent without its data.
 *
 * <p>Headers: {@code Accept: application/json}; {@code Content-Type: application/json} with a
 * body, and on POST, PUT and PATCH always; {@code Authorization: Bearer <token>} when there is
 * a token.
 */
public final class ApiRequests {
    private ApiRequests() {
    }

    /**
     * Validates the method, the endpoint and the data and serialises the data, without knowing
     * where the backend runs; every problem with the arguments is found here.
     *
     * @param apiBasePath e.g. {@code /api}, or empty (or null)
     * @param endpoint    checked by {@link EndpointValidator#validate(String)}
     * @param method      checked by {@link HttpMethods#normalize(String)}; null means GET
     * @param data        the value to send as JSON, or null
     * @throws IllegalArgumentException for a bad endpoint or method, data on GET/HEAD, or data
     *                                  that cannot be serialised (naming its type)
     */
    public static ApiRequest prepare(String apiBasePath, String endpoint, String method, Object data) {
        String normalized = HttpMethods.normalize(method);
        String path = EndpointValidator.validate(endpoint);
        byte[] body = null;
        if (hasData(data)) {
            if (!HttpMethods.allowsBody(normalized)) {
                throw new IllegalArgumentException("a " + normalized + " request cannot carry data (sent to endpoint "
                        + Quoting.quote(endpoint, 80) + "); put parameters in the endpoint's query string, e.g."
                        + " /notes/?page=2, or use POST");
            }
            body = toJson(data);
        }
        return new ApiRequest(normalized, apiBasePath == null ? path : apiBasePath + path, body);
    }

    private static boolean hasData(Object data) {
        return data != null && !(data instanceof JsonNode node && (node.isNull() || node.isMissingNode()));
    }

    private static byte[] toJson(Object data) {
        try {
            return DataJson.writer().writeValueAsBytes(data);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("data of type " + data.getClass().getName() + " cannot be sent as JSON ("
                    + reason(data, e) + "); pass a Map, a List, a record, a JsonNode or another value Jackson can serialise", e);
        }
    }

    private static String reason(Object data, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Jackson reports a module that does not open the type's package by name only, not as a cause
            if (t instanceof java.lang.reflect.InaccessibleObjectException
                    || String.valueOf(t.getMessage()).contains("InaccessibleObjectException")) {
                return "its package is not open to Jackson; add 'opens " + data.getClass().getPackageName() + " to com.fasterxml.jackson.databind;'"
                        + " to your module-info.java";
            }
        }
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return Quoting.sanitize(String.valueOf(message), 200);
    }
}
