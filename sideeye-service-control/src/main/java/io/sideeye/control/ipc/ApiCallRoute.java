package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.HttpStatusException;
import io.sideeye.control.metrics.EventCounters;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceNotRunningException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code POST /ipc/django-api-call} with {@code {endpoint, method, data, service}}: calls the
 * addressed service's API. A replicated service is called through
 * {@link ServiceGroup#apiCall(String, String, String, Object)}, which spreads calls over its
 * healthy instances; a single instance is called directly, exactly as the seed did (its
 * not-running error is the seed's). Answers the {@code ApiResponse} envelope; 400 for an invalid
 * endpoint or method (no call is made), 503 when no instance is running.
 */
final class ApiCallRoute {
    private final GroupSlot slot;
    private final EventCounters counters;
    private final Executor replies;

    ApiCallRoute(GroupSlot slot, EventCounters counters, Executor replies) {
        this.slot = slot;
        this.counters = counters;
        this.replies = replies;
    }

    void handle(ControlExchange ex) throws IOException {
        ApiCallRequest call = ApiCallRequest.parse(ex.readJsonObject(), ex.query(ServiceTarget.PARAM));
        ServiceGroup group = slot.get();
        if (group == null) {
            ex.sendJson(503, Envelopes.notInitialized(null, null));
            return;
        }
        ServiceTarget target = ServiceTarget.of(group, call.service());
        String service = target.name();
        CompletableFuture<ApiResponse> answer = target.replicated()
                ? group.apiCall(service, call.endpoint(), call.method(), call.data())
                : target.first().apiCall(call.endpoint(), call.method(), call.data());
        answer.whenCompleteAsync((response, error) -> {
            Throwable cause = error == null ? null : Envelopes.unwrap(error);
            if (cause instanceof IllegalArgumentException) {
                ex.sendJson(400, Envelopes.failure(cause.getMessage()));
            } else if (cause instanceof ServiceNotRunningException) {
                ex.sendJson(503, Envelopes.failure(cause.getMessage()));
            } else if (cause != null) {
                ex.sendJson(200, Envelopes.failure(Envelopes.message(cause)));
            } else {
                counters.recordControlApiCall(service, response.success());
                ex.sendJson(200, response);
            }
        }, replies);
    }

    /**
     * The body of {@code /ipc/django-api-call}.
     *
     * @param endpoint relative API path such as {@code /notes/}
     * @param method   HTTP method, {@code GET} when absent
     * @param data     the JSON body to send, or null
     * @param service  the service named by the body or the query, or null for the default one
     */
    record ApiCallRequest(String endpoint, String method, JsonNode data, String service) {
        static ApiCallRequest parse(ObjectNode body, String queryService) {
            JsonNode endpoint = body.get("endpoint");
            if (endpoint == null || !endpoint.isTextual()) {
                throw new HttpStatusException(400, "'endpoint' must be a string such as \"/notes/\"");
            }
            JsonNode method = body.get("method");
            if (method != null && !method.isNull() && !method.isTextual()) {
                throw new HttpStatusException(400, "'method' must be a string such as \"POST\"");
            }
            JsonNode data = body.get("data");
            return new ApiCallRequest(endpoint.asText(),
                    method == null || method.isNull() ? "GET" : method.asText(),
                    data == null || data.isNull() ? null : data,
                    service(body.get(ServiceTarget.PARAM), queryService));
        }

        private static String service(JsonNode inBody, String inQuery) {
            if (inBody != null && !inBody.isNull() && !inBody.isTextual()) {
                throw new HttpStatusException(400, "'service' must be a string such as \"web\"");
            }
            String body = inBody == null || inBody.isNull() ? null : inBody.asText();
            if (body != null && inQuery != null && !body.equals(inQuery)) {
                throw new HttpStatusException(400, "the body names service '" + ServiceTarget.printable(body)
                        + "' but the URL names '" + ServiceTarget.printable(inQuery) + "'; name the service once");
            }
            return body != null ? body : inQuery;
        }
    }
}
