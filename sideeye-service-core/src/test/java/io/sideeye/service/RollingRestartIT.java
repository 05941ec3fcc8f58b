package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.testsupport.StdlibTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rolling restart of real replicas: calls made throughout it all succeed. */
class RollingRestartIT {
    private ServiceGroup group;

    @TempDir
    Path runtimeDir;

    @AfterEach
    void closeGroup() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void callsDuringARollingRestartOfThreeReplicasAllSucceed() throws Exception {
        ServiceConfig web = DjangoServiceManager.builder()
                .command(StdlibTestServer.command())
                .port(0)
                .apiBasePath("/api")
                .startupTimeout(Duration.ofSeconds(20))
                .shutdownTimeout(Duration.ofSeconds(5))
                .runtimeDir(runtimeDir)
                .config();
        group = ServiceGroup.builder().service(ServiceSpec.of("web", web).instances(3)).build();
        assertThat(group.start().get(60, TimeUnit.SECONDS)).isTrue();
        List<Long> before = group.status().get("web").stream().map(ServiceStatus::pid).toList();

        AtomicBoolean rolling = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Thread caller = new Thread(() -> {
            while (rolling.get()) {
                ApiResponse r = group.apiCall("web", "/echo/who").join();
                if (r.success()) {
                    answered.incrementAndGet();
                } else {
                    synchronized (failures) {
                        failures.add(r.error() + " " + r.data());
                    }
                }
            }
        }, "rolling-restart-caller");
        caller.start();
        CompletableFuture<Boolean> rollout = group.restart("web");
        try {
            assertThat(rollout.get(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            rolling.set(false);
            caller.join(30_000);
        }

        List<Long> after = group.status().get("web").stream().map(ServiceStatus::pid).toList();
        assertThat(after).doesNotContainAnyElementsOf(before).hasSize(3);
        assertThat(group.status().get("web")).allMatch(s -> s.state() == ServiceState.RUNNING);
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isPositive();
    }
}
