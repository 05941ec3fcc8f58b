package io.sideeye.junit5;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * A blocking client for the backend's API, for tests: each call goes through
 * {@link DjangoServiceManager#apiCall(String, String, Object)} (so it carries the per-launch
 * token and is relative to {@code apiBasePath}) and returns its answer.
 *
 * <pre>{@code
 * ApiResponse created = client.post("/notes/", Map.of("title", "hello"));
 * assertThat(created.status()).isEqualTo(201);
 * }</pre>
 *
 * <p>Answers of any status come back as an {@link ApiResponse} ({@code success=false} with
 * {@code error} for a non-2xx status or a network failure); a bad endpoint or method, or a
 * backend that is not running, throws {@link IllegalArgumentException} or
 * {@link io.sideeye.service.ServiceNotRunningException}.
 */
public final class BackendClient {
    private final DjangoServiceManager manager;

    /** A client that calls through {@code manager}. */
    public BackendClient(DjangoServiceManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /** {@code GET endpoint}. */
    public ApiResponse get(String endpoint) {
        return call("GET", endpoint, null);
    }

    /** {@code POST endpoint} with {@code data} as JSON. */
    public ApiResponse post(String endpoint, Object data) {
        return call("POST", endpoint, data);
    }

    /** {@code PUT endpoint} with {@code data} as JSON. */
    public ApiResponse put(String endpoint, Object data) {
        return call("PUT", endpoint, data);
    }

    /** {@code PATCH endpoint} with {@code data} as JSON. */
    public ApiResponse patch(String endpoint, Object data) {
        return call("PATCH", endpoint, data);
    }

    /** {@code DELETE endpoint}. */
    public ApiResponse delete(String endpoint) {
        return call("DELETE", endpoint, null);
    }

    /** Any method; {@code data} is sent as JSON unless null. */
    public ApiResponse call(String method, String endpoint, Object data) {
        try {
            return manager.apiCall(endpoint, method, data).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The manager this client calls through. */
    public DjangoServiceManager manager() {
        return manager;
    }
}
