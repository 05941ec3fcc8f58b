package io.sideeye.cli.health;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Health checks of a backend at a URL, with no {@code sideeye run} around it (as a systemd
 * watchdog runs them). The checks are the manager's own, in attach mode: healthy means a 2xx
 * answer within the timeout whose JSON {@code status}, if any, is healthy; the token, if given,
 * is sent as {@code Authorization: Bearer}.
 */
public final class UrlHealthCheck implements AutoCloseable {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    private final URI url;
    private final DjangoServiceManager manager;

    /**
     * @param url     the health endpoint, e.g. {@code http://127.0.0.1:8000/api/health/} (see {@link #parse(String)})
     * @param timeout the time one check may take
     * @param token   bearer token to send, or null
     * @throws IllegalArgumentException when the timeout or token cannot be used (the message says why)
     */
    public UrlHealthCheck(URI url, Duration timeout, String token) {
        this.url = url;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        try {
            this.manager = DjangoServiceManager.builder()
                    .external(URI.create(url.getScheme() + "://" + url.getRawAuthority()))
                    .allowRemoteHost(true)
                    .healthPath(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                    .healthCheckTimeout(timeout)
                    .healthCheckInterval(Duration.ofDays(1)) // checks happen only when asked for
                    .apiToken(token)
                    .runtimeDir(null)
                    .build();
        } catch (ServiceConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        manager.start().join();
    }

    /**
     * The URL in {@code text}, checked.
     *
     * @throws IllegalArgumentException when it is not an http or https URL with a host, or
     *                                  carries user info or a fragment
     */
    public static URI parse(String text) {
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url: '" + text + "' is not a URL (" + e.getReason() + ")"
                    + "; give e.g. http://127.0.0.1:8000/api/health/");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("--url: '" + text + "' is not an http or https URL with a host;"
                    + " give e.g. http://127.0.0.1:8000/api/health/");
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("--url: give the URL without user info or #fragment; a token is"
                    + " read from the environment variable SIDEEYE_API_TOKEN");
        }
        return url;
    }

    /** The URL checked. */
    public URI url() {
        return url;
    }

    /** One check now. */
    public HealthCheckResult check() {
        boolean healthy = manager.healthCheck().join();
        HealthCheckResult result = manager.getStatus().lastHealthCheck();
        return result != null ? result : new HealthCheckResult(Instant.now(), healthy, 0,
                healthy ? null : "no check could be made (" + manager.getStatus().state() + ")", 0);
    }

    /**
     * Checks until one is healthy or {@code wait} has passed (pauses grow from 50 ms to 500 ms).
     *
     * @return the healthy check, or the last failed one
     */
    public HealthCheckResult awaitHealthy(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            HealthCheckResult result = check();
            long left = deadline - System.nanoTime();
            if (result.healthy() || left <= 0) {
                return result;
            }
            Thread.sleep(Math.max(1, Math.min(pause.toMillis(), left / 1_000_000)));
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Releases the checker's threads. */
    @Override
    public void close() {
        manager.close();
    }
}
