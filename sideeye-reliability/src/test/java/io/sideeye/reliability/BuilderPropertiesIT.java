package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfigException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Every value a caller can hand the builder either builds a manager or fails with a
 * {@link ServiceConfigException} that names the offending field; never any other exception.
 * The setters are found by reflection (every public method of {@link ServiceBuilder} that
 * returns the builder), so a new setter is exercised as soon as it exists; a setter whose
 * parameter type has no generator here fails {@link #everySetterHasAGenerator()}.
 */
class BuilderPropertiesIT {
    /** Every setter of the builder, in a stable order. */
    private static final List<Method> SETTERS = Arrays.stream(ServiceBuilder.class.getMethods())
            .filter(m -> m.getReturnType() == ServiceBuilder.class && !Modifier.isStatic(m.getModifiers()))
            .sorted(Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())))
            .toList();

    /** The field names a {@link ServiceConfigException} may name: the builder's setters. */
    private static final Set<String> FIELDS = SETTERS.stream().map(Method::getName).collect(Collectors.toSet());

    /** How often each setter was called by {@link #everyBuilderInputBuildsOrNamesTheField}. */
    private static final Map<Method, Integer> CALLED = new ConcurrentHashMap<>();

    /** One setter applied to one value. */
    record Call(Method setter, Object value) {
        void applyTo(ServiceBuilder b) throws ReflectiveOperationException {
            setter.invoke(b, value);
        }

        @Override
        public String toString() {
            return setter.getName() + "(" + value + ")";
        }
    }

    @Example
    void everySetterHasAGenerator() {
        assertThat(SETTERS).as("setters found").hasSizeGreaterThanOrEqualTo(30);
        for (Method setter : SETTERS) {
            assertThat(setter.getParameterCount()).as("%s takes one value", setter).isEqualTo(1);
            assertThatCode(() -> valuesFor(setter)).as("generator for %s", setter).doesNotThrowAnyException();
        }
    }

    @Property(tries = 600)
    void everyBuilderInputBuildsOrNamesTheField(@ForAll("configurations") List<Call> calls) throws Exception {
        ServiceBuilder b = DjangoServiceManager.builder().projectDir(Path.of("backend")).runtimeDir(null);
        for (Call call : calls) {
            call.applyTo(b);
            CALLED.merge(call.setter(), 1, Integer::sum);
        }
        try (DjangoServiceManager built = b.build()) {
            assertThat(built.getStatus()).isNotNull();
        } catch (ServiceConfigException e) {
            assertThat(e.field()).as("field named by: %s", e.getMessage()).isIn(FIELDS);
            assertThat(e.getMessage()).as("message of the error for %s", e.field()).isNotBlank();
        }
    }

    @AfterContainer
    static void everySetterWasCalled() {
        assertThat(SETTERS).as("setters the property never called").allMatch(CALLED::containsKey);
        Figures.record("builder properties", String.format("setters=%d (found by reflection) calls per setter %d-%d",
                SETTERS.size(), CALLED.values().stream().min(Integer::compare).orElse(0),
                CALLED.values().stream().max(Integer::compare).orElse(0)));
    }

    /** Each setter called, in a random order, with a random value or not at all (its default). */
    @Provide
    Arbitrary<List<Call>> configurations() {
        List<Arbitrary<Optional<Call>>> each = SETTERS.stream().map(this::maybeCall).toList();
        return Combinators.combine(each).as(list -> list.stream().flatMap(Optional::stream).toList())
                .flatMap(list -> Arbitraries.shuffle(list));
    }

    private Arbitrary<Optional<Call>> maybeCall(Method setter) {
        Arbitrary<Optional<Call>> called = valuesFor(setter).map(v -> Optional.of(new Call(setter, v)));
        return Arbitraries.frequencyOf(Tuple.of(3, called), Tuple.of(1, Arbitraries.just(Optional.<Call>empty())));
    }

    /** Values for one setter, by its name where that matters and else by its parameter type. */
    @SuppressWarnings("unchecked")
    private Arbitrary<Object> valuesFor(Method setter) {
        Class<?> type = setter.getParameterTypes()[0];
        Arbitrary<?> values = switch (setter.getName()) {
            case "host" -> hosts().injectNull(0.1);
            case "healthPath", "apiBasePath" -> paths();
            case "name" -> names();
            case "external" -> type == URI.class ? uris() : urls();
            default -> byType(setter, type);
        };
        return (Arbitrary<Object>) values;
    }

    private Arbitrary<?> byType(Method setter, Class<?> type) {
        if (type == int.class) {
            return ints();
        } else if (type == long.class) {
            return longs();
        } else if (type == boolean.class) {
            return Arbitraries.of(true, false);
        } else if (type == Duration.class) {
            return durations();
        } else if (type == String.class) {
            return texts();
        } else if (type == Path.class) {
            return filePaths();
        } else if (type == List.class) {
            return listsOf(setter);
        } else if (type == Map.class) {
            return environments();
        } else if (type == URI.class) {
            return uris();
        } else if (type.isEnum()) {
            return Arbitraries.of(type.getEnumConstants()).injectNull(0.2);
        }
        throw new IllegalStateException("no generator for " + type.getSimpleName() + " values of " + setter
                + ": add one to BuilderPropertiesIT");
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
    /** Lists of the setter's element type: argv lists of strings, or lists of integers (status codes). */
    private Arbitrary<?> listsOf(Method setter) {
        Type element = setter.getGenericParameterTypes()[0] instanceof ParameterizedType p
                ? p.getActualTypeArguments()[0] : Object.class;
        if (element == String.class) {
            return commands();
        } else if (element == Integer.class) {
            return statusCodes();
        }
        throw new IllegalStateException("no generator for lists of " + element.getTypeName() + " values of " + setter
                + ": add one to BuilderPropertiesIT");
    }

    Arbitrary<List<Integer>> statusCodes() {
        Arbitrary<Integer> code = Arbitraries.oneOf(Arbitraries.integers().between(100, 599),
                Arbitraries.of(0, -1, 99, 600, 1000, Integer.MAX_VALUE)).injectNull(0.05);
        return code.list().ofMaxSize(4).injectNull(0.1);
    }

    Arbitrary<List<String>> commands() {
        Arbitrary<String> arg = Arbitraries.oneOf(Arbitraries.strings(), Arbitraries.of("", "{host}", "{port}",
                "python", "$(touch /tmp/x)", "a\u0000b")).injectNull(0.05);
        return arg.list().ofMaxSize(5).injectNull(0.4);
    }

    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.of("web", "worker#2", "a", "Web", "-x", "x#0", "x#", "a".repeat(64),
                "w b", ""), Arbitraries.strings()).injectNull(0.1);
    }

    Arbitrary<String> urls() {
        return Arbitraries.oneOf(Arbitraries.of("http://127.0.0.1:8000", "https://api.example.com/app",
                "http://user:pw@localhost/", "ftp://localhost", "localhost:8000", "http://[::1]:80/x?q#f", "http://",
                "http://localhost:99999", " ", "http://a b"), Arbitraries.strings()).injectNull(0.2);
    }

    Arbitrary<URI> uris() {
        return Arbitraries.of(URI.create("http://127.0.0.1:8000"), URI.create("https://example.com"),
                URI.create("ftp://localhost"), URI.create("http://u:p@localhost/"), URI.create("relative/path"),
                URI.create("http://localhost/?q"), URI.create("mailto:x@y")).injectNull(0.2);
    }

    Arbitrary<Path> filePaths() {
        return Arbitraries.of(Path.of("backend"), Path.of("/nonexistent/dir"), Path.of(""), Path.of("a b"),
                Path.of("/tmp"), Path.of("../..")).injectNull(0.2);
    }

    @Provide
    Arbitrary<Map<String, String>> environments() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of("", "A=B", "PATH", "SIDEEYE_API_TOKEN", "X\u0000"));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8), Arbitraries.of("a\u0000"));
        return Arbitraries.maps(keys, values.injectNull(0.1)).ofMaxSize(3).injectNull(0.2);
    }
}
