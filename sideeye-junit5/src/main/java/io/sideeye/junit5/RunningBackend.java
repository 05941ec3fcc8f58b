package io.sideeye.junit5;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceStatus;
import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One started backend, kept in a JUnit store of the scope it serves (test class, test method, or
 * the whole run) and stopped when JUnit closes that scope.
 */
@SuppressWarnings("deprecation") // CloseableResource: closed by every JUnit 5 version, AutoCloseable only by 5.13+
final class RunningBackend implements ExtensionContext.Store.CloseableResource {
    private final DjangoServiceManager manager;
    private final BackendClient client;
    private final URI url;
    private final Runnable onClose;

    private RunningBackend(DjangoServiceManager manager, Runnable onClose) {
        this.manager = manager;
        this.client = new BackendClient(manager);
        this.url = URI.create(manager.getStatus().url());
        this.onClose = onClose;
    }

    /**
     * Builds a manager and starts it, waiting for the backend's first healthy answer.
     *
     * @throws IllegalStateException when the start fails, with the manager's reason and the
     *         backend's last output lines; the manager is closed then
     */
    static RunningBackend start(Supplier<DjangoServiceManager> factory, String scope, int logLines, Runnable onClose) {
        DjangoServiceManager manager = factory.get();
        boolean started;
        try {
            started = manager.start().join();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        if (!started) {
            ServiceStatus status = manager.getStatus();
            BackendOutput output = BackendOutput.of(manager, logLines);
            manager.close();
            IllegalStateException failure = new IllegalStateException("The backend for " + scope
                    + " did not start: " + status.lastError()
                    + " (projectDir " + manager.config().projectDir() + "; see the output lines below)");
            failure.addSuppressed(output);
            throw failure;
        }
        return new RunningBackend(manager, onClose);
    }

    DjangoServiceManager manager() {
        return manager;
    }

    BackendClient client() {
        return client;
    }

    URI url() {
        return url;
    }

    /** Stops the backend's whole process tree and releases the manager. */
    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            onClose.run();
        }
    }
}
