package io.sideeye.control.testkit;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;

/** Groups of stand-in backends ({@link MiniServer}): real processes on free ports. */
public final class MiniGroup {
    private MiniGroup() {
    }

    /** An address on another machine that never answers (TEST-NET-1, RFC 5737). */
    public static final String REMOTE_URL = "http://192.0.2.10:8000";

    /** {@code web}, and {@code worker} in two instances that start after it; web is the default. */
    public static ServiceGroup webAndTwoWorkers(Path runtimeDir) {
        return builder(runtimeDir).build();
    }

    /**
     * {@link #webAndTwoWorkers} plus {@code billing}, an external service on another machine
     * ({@link #REMOTE_URL}) that is only watched, and never answers.
     */
    public static ServiceGroup webTwoWorkersAndRemoteBilling(Path runtimeDir) {
        return builder(runtimeDir)
                .service(ServiceSpec.of("billing", DjangoServiceManager.builder()
                        .external(REMOTE_URL)
                        .allowRemoteHost(true)
                        .runtimeDir(runtimeDir)
                        .healthCheckInterval(Duration.ofSeconds(1))
                        .healthCheckTimeout(Duration.ofSeconds(1))
                        .config()))
                .build();
    }

    private static ServiceGroup.Builder builder(Path runtimeDir) {
        return ServiceGroup.builder()
                .service(ServiceSpec.of("web", MiniServer.manager(runtimeDir).config()))
                .service(ServiceSpec.of("worker", MiniServer.manager(runtimeDir).config()).after("web").instances(2));
    }
}
