package io.sideeye.control.testkit;

import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;

/** Groups of stand-in backends ({@link MiniServer}): real processes on free ports. */
public final class MiniGroup {
    private MiniGroup() {
    }

    /** {@code web}, and {@code worker} in two instances that start after it; web is the default. */
    public static ServiceGroup webAndTwoWorkers(Path runtimeDir) {
        return ServiceGroup.builder()
                .service(ServiceSpec.of("web", MiniServer.manager(runtimeDir).config()))
                .service(ServiceSpec.of("worker", MiniServer.manager(runtimeDir).config()).after("web").instances(2))
                .build();
    }
}
