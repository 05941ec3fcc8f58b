package io.sideeye.service.fake;

import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * HTTP against the pretend children: health answers follow each child's {@link FakeChild.Health};
 * other paths go to {@link #api}. A hanging server times out on the fake clock.
 */
public final class FakeHttp implements HttpTransport {
    private final FakeLauncher launcher;
    private final FakeScheduler scheduler;
    public final List<HttpCall> calls = new CopyOnWriteArrayList<>();
    public volatile Function<HttpCall, HttpReply> api = call -> reply(200, "{\"ok\":true}");
    /** Failures the next API calls (not health checks) end with, one each, before {@link #api} answers again. */
    public final java.util.Queue<HttpFailure> apiFailures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    public static final long LATENCY_NANOS = 2_000_000;

    public FakeHttp(FakeLauncher launcher, FakeScheduler scheduler) {
        this.launcher = launcher;
        this.scheduler = scheduler;
    }

    @Override
    public CompletableFuture<HttpReply> send(HttpCall call) {
        calls.add(call);
        FakeChild child = launcher.children.stream()
                .filter(c -> c.isAlive() && (c.port() == call.uri().getPort() || c.privatePort == call.uri().getPort()))
                .findFirst().orElse(null);
        if (child == null || child.health == FakeChild.Health.NOT_LISTENING) {
            return CompletableFuture.failedFuture(new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused"));
        }
        if (!call.uri().getPath().endsWith("/health/")) {
            HttpFailure failure = apiFailures.poll();
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            return CompletableFuture.completedFuture(api.apply(call));
        }
        return switch (child.health) {
            case HEALTHY -> CompletableFuture.completedFuture(reply(200,
                    "{\"status\":\"healthy\",\"instance\":\"" + child.env("SIDEEYE_INSTANCE_ID") + "\"}"));
            case WRONG_INSTANCE -> CompletableFuture.completedFuture(reply(200,
                    "{\"status\":\"healthy\",\"instance\":\"someone-else\"}"));
            case HTTP_500 -> CompletableFuture.completedFuture(reply(500, "{\"status\":\"unhealthy\"}"));
            case HANG -> {
                CompletableFuture<HttpReply> f = new CompletableFuture<>();
                scheduler.schedule(call.timeout(), () -> f.completeExceptionally(
                        new HttpFailure(HttpFailure.Kind.TIMEOUT, "timed out after " + call.timeout().toMillis() + "ms")));
                yield f;
            }
            case NOT_FOUND -> CompletableFuture.completedFuture(page(404, "<h1>Not Found</h1>"));
            case LOGIN_REDIRECT -> CompletableFuture.completedFuture(page(302, ""));
            case FORBIDDEN -> CompletableFuture.completedFuture(page(403, "<h1>403 Forbidden</h1>"));
            case HTML_PAGE -> CompletableFuture.completedFuture(page(200, "<html>Welcome</html>"));
            case NO_INSTANCE -> CompletableFuture.completedFuture(reply(200, "{\"status\":\"ok\"}"));
            case HTTP_503 -> CompletableFuture.completedFuture(reply(503, "{\"status\":\"starting\",\"instance\":\""
                    + child.env("SIDEEYE_INSTANCE_ID") + "\"}"));
            default -> throw new IllegalStateException();
        };
    }

    public static HttpReply reply(int status, String json) {
        return new HttpReply(status, status == 200 ? "OK" : "", "application/json",
                json.getBytes(StandardCharsets.UTF_8), LATENCY_NANOS);
    }

    public static HttpReply page(int status, String html) {
        return new HttpReply(status, "", "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                LATENCY_NANOS);
    }

    public long healthCalls() {
        return calls.stream().filter(c -> c.uri().getPath().endsWith("/health/")).count();
    }

    @Override
    public void close() {
    }
}
