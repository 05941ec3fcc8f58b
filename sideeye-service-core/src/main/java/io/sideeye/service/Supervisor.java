package io.sideeye.service;

import io.sideeye.service.event.EventBus;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The state machine behind {@link DjangoServiceManager}. */
final class Supervisor {
    private final ServiceConfig config;
    private final Seams seams;

    Supervisor(ServiceConfig config, Seams seams) {
        this.config = config;
        this.seams = seams;
    }

    ServiceConfig config() { return config; }
    EventBus events() { return seams.events(); }
    CompletableFuture<Boolean> start() { throw new UnsupportedOperationException(); }
    CompletableFuture<Boolean> stop() { throw new UnsupportedOperationException(); }
    CompletableFuture<Boolean> restart() { throw new UnsupportedOperationException(); }
    CompletableFuture<Boolean> healthCheck() { throw new UnsupportedOperationException(); }
    ServiceStatus status() { throw new UnsupportedOperationException(); }
    List<LogLine> recentLogs() { throw new UnsupportedOperationException(); }
    CompletableFuture<ApiResponse> apiCall(String endpoint, String method, Object data) {
        throw new UnsupportedOperationException();
    }
    void close() { }
}
