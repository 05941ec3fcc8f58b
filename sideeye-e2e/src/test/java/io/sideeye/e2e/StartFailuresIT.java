package io.sideeye.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceEvent;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts that cannot succeed fail at once, with the reason a user can act on. */
@RequiresReferenceBackend
class StartFailuresIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @Test
    void aForeignHealthyServerOnThePortIsAPortInUseErrorAndPortZeroAvoidsIt() throws Exception {
        HttpServer squatter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        squatter.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        squatter.start();
        int port = squatter.getAddress().getPort();
        try {
            try (DjangoServiceManager m = Backend.builder(dataDir, runtimeDir).port(port).build()) {
                assertThat(m.start().get(30, TimeUnit.SECONDS)).isFalse();
                assertThat(m.getStatus().lastError()).contains("Port " + port + " on 127.0.0.1 is already in use");
            }
            try (DjangoServiceManager m = Backend.builder(dataDir, runtimeDir).port(0).build()) {
                assertThat(m.start().get(90, TimeUnit.SECONDS)).isTrue();
                assertThat(m.getStatus().port()).isNotEqualTo(port);
            }
        } finally {
            squatter.stop(0);
        }
    }

    @Test
    void anInterpreterWithoutDjangoFailsFastNamingTheMissingModule() throws Exception {
        Path venv = Files.createTempDirectory("no-django");
        int code = new ProcessBuilder("/usr/bin/python3", "-m", "venv", "--without-pip", venv.toString())
                .inheritIO().start().waitFor();
        assertThat(code).isZero();
        String python = venv.resolve("bin/python").toString();

        // configured interpreter: refused before anything is spawned
        try (DjangoServiceManager m = Backend.builder(dataDir, runtimeDir).python(python).build()) {
            long t0 = System.nanoTime();
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(m.getStatus().lastError()).contains("No module named 'django'");
        }
        // a custom command with that interpreter: the child dies at once and its stderr says why
        try (DjangoServiceManager m = Backend.builder(dataDir, runtimeDir).server(ServerKind.RUNSERVER)
                .command(List.of(python, "manage.py", "runserver", "--noreload", "{host}:{port}"))
                .startupTimeout(Duration.ofSeconds(60)).build()) {
            java.util.List<ServiceEvent.Error> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            m.on(ServiceEvent.Error.class, errors::add);
            long t0 = System.nanoTime();
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(m.getStatus().lastError()).contains("exited during startup with code 1",
                    "Couldn't import Django");
            assertThat(errors).singleElement().satisfies(e ->
                    assertThat(e.cause()).contains("ModuleNotFoundError: No module named 'django'"));
        }
    }
}
