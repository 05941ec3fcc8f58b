package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.WithNull;

/**
 * Every value a caller can hand the builder either builds a manager or fails with a
 * {@link ServiceConfigException} that names the offending field; never any other exception.
 */
class BuilderPropertiesIT {
    /** The field names a {@link ServiceConfigException} may name: the builder's setters. */
    private static final Set<String> FIELDS = Set.copyOf(Arrays.stream(ServiceBuilder.class.getDeclaredMethods())
            .filter(m -> m.getReturnType() == ServiceBuilder.class).map(java.lang.reflect.Method::getName).toList());

    @Property(tries = 400)
    void everyBuilderInputBuildsOrNamesTheField(
            @ForAll("ints") int port, @ForAll("hosts") @WithNull(0.1) String host, @ForAll boolean remote,
            @ForAll boolean dev, @ForAll("ints") int attempts, @ForAll("durations") Duration restartDelay,
            @ForAll("durations") Duration maxRestartDelay, @ForAll("durations") Duration resetAfter,
            @ForAll("durations") Duration interval, @ForAll("durations") Duration healthTimeout,
            @ForAll("ints") int threshold, @ForAll("durations") Duration startup,
            @ForAll("durations") Duration shutdown, @ForAll("durations") Duration apiTimeout,
            @ForAll("texts") String python, @ForAll("texts") String settings, @ForAll("texts") String wsgi,
            @ForAll("commands") List<String> command, @ForAll("environments") Map<String, String> env,
            @ForAll("paths") String healthPath, @ForAll("paths") String apiBase, @ForAll("ints") int logLines,
            @ForAll("longs") long maxBytes, @ForAll @WithNull(0.2) ServerKind server) {
        ServiceBuilder b = DjangoServiceManager.builder().port(port).host(host).allowRemoteHost(remote).dev(dev)
                .maxRestartAttempts(attempts).restartDelay(restartDelay).maxRestartDelay(maxRestartDelay)
                .restartResetAfter(resetAfter).healthCheckInterval(interval).healthCheckTimeout(healthTimeout)
                .unhealthyThreshold(threshold).startupTimeout(startup).shutdownTimeout(shutdown)
                .apiTimeout(apiTimeout).projectDir(Path.of("backend")).python(python).server(server)
                .settingsModule(settings).wsgiApplication(wsgi).command(command).environment(env)
                .healthPath(healthPath).apiBasePath(apiBase).logBufferLines(logLines).maxResponseBytes(maxBytes)
                .runtimeDir(null);
        try (DjangoServiceManager built = b.build()) {
            assertThat(built.getStatus()).isNotNull();
        } catch (ServiceConfigException e) {
            assertThat(e.field()).as("field named by: %s", e.getMessage()).isIn(FIELDS);
            assertThat(e.getMessage()).as("message of the error for %s", e.field()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void configAloneNeverThrowsAnythingElse(@ForAll("ints") int port, @ForAll("durations") Duration delay,
                                            @ForAll("hosts") String host, @ForAll("paths") String healthPath) {
        assertThatCode(() -> {
            try {
                DjangoServiceManager.builder().port(port).host(host).restartDelay(delay).healthPath(healthPath)
                        .config();
            } catch (ServiceConfigException expected) {
                assertThat(expected.field()).isIn(FIELDS);
            }
        }).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-2, 70_000),
                Arbitraries.of(0, 1, 65535, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, 1L, Long.MAX_VALUE, 16L << 20));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-10_000, 200_000).map(Duration::ofMillis),
                Arbitraries.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE),
                        Duration.ofSeconds(Long.MIN_VALUE), Duration.ofDays(365_000)))
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.oneOf(Arbitraries.of("localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "example.com",
                "", " ", "localhost.", "127.0.0.1:80", "http://localhost", "a\nb", "\u0000"), Arbitraries.strings());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings(), Arbitraries.of("", " ", "a.b", "a b", "x:y", "\n"))
                .injectNull(0.5);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.oneOf(Arbitraries.of("/api/health/", "/api", "", "/", "api", "//evil", "/a/../b",
                "/a b", "/a\r\nX: y", "http://x/", "/%2e%2e/"), Arbitraries.strings()).injectNull(0.1);
    }

    @Provide
    Arbitrary<List<String>> commands() {
        Arbitrary<String> arg = Arbitraries.oneOf(Arbitraries.strings(), Arbitraries.of("", "{host}", "{port}",
                "python", "$(touch /tmp/x)", "a\u0000b")).injectNull(0.05);
        return arg.list().ofMaxSize(5).injectNull(0.4);
    }

    @Provide
    Arbitrary<Map<String, String>> environments() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of("", "A=B", "PATH", "SIDEEYE_API_TOKEN", "X\u0000"));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8), Arbitraries.of("a\u0000"));
        return Arbitraries.maps(keys, values.injectNull(0.1)).ofMaxSize(3).injectNull(0.2);
    }
}
