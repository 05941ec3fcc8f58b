package io.sideeye.cli.run;

import io.sideeye.config.ResolvedGroup;
import io.sideeye.service.ServiceGroup;

/** Makes a supervised group reachable from outside the process (control server, runtime file). */
public interface ControlPlane extends AutoCloseable {

    /** Publishes {@code group}: starts the server and announces where it is. */
    void publish(ServiceGroup group, ResolvedGroup config);

    /** Points the published control plane at a replacement group (after a configuration reload). */
    void attach(ServiceGroup group, ResolvedGroup config);

    /** Withdraws the control plane (stops the server, removes the runtime file). Never throws. */
    @Override
    void close();

    /** A control plane that publishes nothing. */
    ControlPlane NONE = new ControlPlane() {
        @Override public void publish(ServiceGroup group, ResolvedGroup config) { }
        @Override public void attach(ServiceGroup group, ResolvedGroup config) { }
        @Override public void close() { }
    };
}
