package io.sideeye.service;

import io.sideeye.service.async.Causes;
import io.sideeye.service.client.ApiRequest;
import io.sideeye.service.client.ApiRequests;
import io.sideeye.service.client.ApiResponses;
import io.sideeye.service.client.IdempotentRetry;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.metrics.LatencyWindow;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code apiCall}: validates before anything leaves, sends with the launch's token, never throws
 * for network failures, and asks for an immediate health check when the backend seems gone.
 * An idempotent request is sent once more after a connection failure ({@link IdempotentRetry}),
 * to the same launch only; one answered 401 because a restart put another launch on the port
 * while it was on its way is sent once to that launch, with its token.
 */
final class ApiCaller {
    private final Supplier<ServiceConfig> settings;
    private final Seams seams;
    private final LatencyWindow latency;
    private final Supplier<CompletableFuture<Boolean>> healthCheck;
    private final Supplier<StatusSnapshot> current;
    private volatile ParsedBase base;

    ApiCaller(Supplier<ServiceConfig> settings, Seams seams, LatencyWindow latency,
              Supplier<CompletableFuture<Boolean>> healthCheck, Supplier<StatusSnapshot> current) {
        this.settings = settings;
        this.seams = seams;
        this.latency = latency;
        this.healthCheck = healthCheck;
        this.current = current;
    }

    CompletableFuture<ApiResponse> call(StatusSnapshot s, String endpoint, String method, Object data) {
        ServiceConfig config = settings.get();
        ApiRequest request;
        HttpCall call;
        try {
            request = ApiRequests.prepare(config.apiBasePath(), endpoint, method, data);
            if (!config.attached() && s.state() != ServiceState.RUNNING) {
                return CompletableFuture.failedFuture(new ServiceNotRunningException());
            }
            String base = config.attached() ? ServiceUrls.baseUrl(config, config.port()) : s.baseUrl();
            String token = config.attached() ? config.apiToken() : s.token();
            call = request.toCall(baseUri(base), token, config.apiTimeout(), config.maxResponseBytes());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        String verb = request.method();
        long t0 = seams.scheduler().nanoTime();
        return seams.api().send(call).exceptionallyCompose(error -> {
            HttpFailure failure = failureOf(error);
            if (!IdempotentRetry.applies(verb, failure) || !sameBackend(config, s)) {
                return CompletableFuture.failedFuture(failure);
            }
            return seams.api().send(call);
        }).thenCompose(reply -> {
            StatusSnapshot now = current.get();
            if (reply.status() != 401 || !IdempotentRetry.METHODS.contains(verb) || !relaunched(config, s, now)) {
                return CompletableFuture.completedFuture(reply);
            }
            // the port's backend was restarted between the status read and the call: ask the new launch
            return seams.api().send(request.toCall(baseUri(now.baseUrl()), now.token(), config.apiTimeout(),
                    config.maxResponseBytes()));
        }).handle((reply, error) -> {
            long ms = (seams.scheduler().nanoTime() - t0) / 1_000_000;
            if (reply != null) {
                ApiResponse response = ApiResponses.from(reply);
                latency.record(reply.elapsedNanos() / 1e6);
                if (reply.status() >= 500) {
                    apiError(endpoint, verb, response.error());
                }
                return response;
            }
            HttpFailure failure = failureOf(error);
            ApiResponse response = ApiResponses.failure(failure, ms);
            apiError(endpoint, verb, response.error());
            if (failure.kind() == HttpFailure.Kind.REFUSED || failure.kind() == HttpFailure.Kind.TIMEOUT) {
                healthCheck.get();
            }
            return response;
        });
    }

    /**
     * Whether the backend the first attempt was sent to is still the one running: a second
     * attempt never carries a launch's token to the next launch (a restart in between).
     */
    private boolean sameBackend(ServiceConfig config, StatusSnapshot sent) {
        if (config.attached()) {
            return true;
        }
        StatusSnapshot now = current.get();
        return now.state() == ServiceState.RUNNING && Objects.equals(now.token(), sent.token())
                && Objects.equals(now.baseUrl(), sent.baseUrl());
    }

    /** Whether another launch of this service now runs at the address {@code sent} was for. */
    private static boolean relaunched(ServiceConfig config, StatusSnapshot sent, StatusSnapshot now) {
        return !config.attached() && now.state() == ServiceState.RUNNING && now.token() != null
                && !now.token().equals(sent.token()) && Objects.equals(now.baseUrl(), sent.baseUrl());
    }

    private static HttpFailure failureOf(Throwable error) {
        Throwable cause = Causes.unwrap(error);
        return cause instanceof HttpFailure f ? f
                : new HttpFailure(HttpFailure.Kind.IO, String.valueOf(cause.getMessage()), cause);
    }

    /** The base URL as a URI, parsed once per backend address rather than once per call. */
    private URI baseUri(String baseUrl) {
        ParsedBase last = base;
        if (last == null || !last.text().equals(baseUrl)) {
            last = new ParsedBase(baseUrl, URI.create(baseUrl));
            base = last;
        }
        return last.uri();
    }

    private void apiError(String endpoint, String method, String error) {
        seams.events().publish(new ServiceEvent.ApiError(seams.scheduler().now(), endpoint, method, error));
    }

    private record ParsedBase(String text, URI uri) {
    }
}
