package io.sideeye.cli.doctor;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceConfig;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a service that runs elsewhere ({@code external:}) answers its health endpoint, asked
 * exactly as {@code sideeye run} asks it: a manager in attach mode (with the service's token,
 * TLS and health rules) makes one check, then is closed. Nothing is spawned.
 */
final class ExternalCheck {
    private ExternalCheck() {
    }

    /** The {@code Reachable} check of {@code config}, whose {@link ServiceConfig#external()} is set. */
    static CheckResult reachable(ServiceConfig config) {
        String url = config.external() + config.healthPath();
        long limit = config.healthCheckTimeout().toMillis() + 5_000;
        try (DjangoServiceManager manager = DjangoServiceManager.create(config)) {
            manager.start().get(limit, TimeUnit.MILLISECONDS);
            boolean healthy = manager.healthCheck().get(limit, TimeUnit.MILLISECONDS);
            HealthCheckResult check = manager.getStatus().lastHealthCheck();
            String seen = check == null ? "" : (check.status() > 0 ? "HTTP " + check.status() + ", " : "")
                    + String.format("%.0f ms", check.latencyMs());
            if (healthy) {
                return CheckResult.ok("Reachable", url + " answers healthy (" + seen + ")"
                        + (config.apiToken() != null ? ", with the configured token" : ""));
            }
            return CheckResult.fail("Reachable", url + " is not healthy: " + (check == null || check.error() == null
                    ? "no answer" : check.error()) + (seen.isEmpty() ? "" : " (" + seen + ")"), remedy(config, check));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("Reachable", url + ": interrupted", "run sideeye doctor again");
        } catch (ExecutionException | TimeoutException e) {
            return CheckResult.fail("Reachable", url + " could not be checked: " + e, remedy(config, null));
        }
    }

    private static String remedy(ServiceConfig config, HealthCheckResult check) {
        if (check != null && (check.status() == 401 || check.status() == 403)) {
            return "the service refused the token: check the variable tokenEnv names (or token) for this service";
        }
        if (check != null && check.status() == 404) {
            return "the service answers but not at " + config.healthPath() + ": set healthPath to its health endpoint";
        }
        return "start the service at " + config.external() + ", or correct 'external' (and check the network and"
                + " any proxy in between)";
    }
}
