package io.sideeye.cli.run;

import io.sideeye.cli.config.ResolvedConfig;
import io.sideeye.service.DjangoServiceManager;

/** Makes a supervised manager reachable from outside the process (control server, runtime file). */
public interface ControlPlane extends AutoCloseable {

    /** Publishes {@code manager}: starts the server and announces where it is. */
    void publish(DjangoServiceManager manager, ResolvedConfig config);

    /** Points the published control plane at a replacement manager (after a configuration reload). */
    void attach(DjangoServiceManager manager, ResolvedConfig config);

    /** Withdraws the control plane (stops the server, removes the runtime file). Never throws. */
    @Override
    void close();

    /** A control plane that publishes nothing. */
    ControlPlane NONE = new ControlPlane() {
        @Override public void publish(DjangoServiceManager manager, ResolvedConfig config) { }
        @Override public void attach(DjangoServiceManager manager, ResolvedConfig config) { }
        @Override public void close() { }
    };
}
