package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile {@code apiCall} endpoints, methods and data are refused with an
 * {@link IllegalArgumentException} before any request leaves: a local server counts what arrives.
 */
class ApiCallPropertiesIT {
    private static CountingServer server;
    private static DjangoServiceManager manager;

    @BeforeContainer
    static void startServerAndManager() throws Exception {
        server = new CountingServer();
        manager = DjangoServiceManager.builder().dev(true).host("127.0.0.1").port(server.port()).apiBasePath("")
                .healthPath("/health/").runtimeDir(null).build();
        assertThat(manager.start().get(10, TimeUnit.SECONDS)).isTrue();
    }

    @AfterContainer
    static void stop() {
        manager.close();
        server.close();
    }

    @Property(tries = 600)
    void hostileEndpointsNeverLeave(@ForAll("hostileEndpoints") String endpoint, @ForAll("methods") String method) {
        int before = server.requests();
        assertRejected(manager.apiCall(endpoint, method, null), endpoint);
        assertThat(server.requests()).as("requests after %s", endpoint).isEqualTo(before);
    }

    @Property(tries = 300)
    void unknownMethodsNeverLeave(@ForAll("unknownMethods") String method) {
        int before = server.requests();
        assertRejected(manager.apiCall("/echo/", method, null), method);
        assertThat(server.requests()).isEqualTo(before);
    }

    @Property(tries = 50)
    void unserialisableDataNeverLeaves(@ForAll("unserialisable") Object data) {
        int before = server.requests();
        assertRejected(manager.apiCall("/echo/", "POST", data), String.valueOf(data.getClass()));
        assertThat(server.requests()).isEqualTo(before);
    }

    /** The control case: a plain endpoint does reach the server, so the counter can see requests. */
    @Property(tries = 20)
    void plainEndpointsDoArrive(@ForAll("segments") String segment) throws Exception {
        int before = server.requests();
        ApiResponse r = manager.apiCall("/" + segment + "/", "GET", null).get(10, TimeUnit.SECONDS);
        assertThat(r.success()).as("answer %s", r).isTrue();
        assertThat(server.requests()).isEqualTo(before + 1);
    }

    private static void assertRejected(CompletableFuture<ApiResponse> call, String input) {
        try {
            ApiResponse r = call.get(10, TimeUnit.SECONDS);
            throw new AssertionError("accepted " + input + " and got " + r);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("failure for %s", input).isInstanceOf(IllegalArgumentException.class);
            assertThat(e.getCause().getMessage()).isNotBlank();
        } catch (Exception e) {
            throw new AssertionError("no clean rejection for " + input, e);
        }
    }

    /** A bean whose only property cannot be read. */
    public static final class Unreadable {
        /** Always fails, as a broken getter of a caller's object would. */
        public String getValue() {
            throw new IllegalStateException("not readable");
        }
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "get", "post");
    }

    @Provide
    Arbitrary<String> hostileEndpoints() {
        Arbitrary<String> elsewhere = Arbitraries.of("http://evil.example/", "https://evil.example", "HTTP://x",
                "javascript:alert(1)", "file:///etc/passwd", "//evil.example", "//evil.example/api", "", "relative",
                "\\\\evil", "evil.example/api");
        Arbitrary<String> attack = Arbitraries.of("/../", "/..", "/a/../../b", "/%2e%2e/", "/%2E%2E/x", "/.%2e/", "/%252e%252e/", "/a\r\nX-Evil: 1", "/a\nb",
                "/a\rb", "/a\u0000b", "/a b", "/a\tb", "/a#frag", "/a\\..\\b",
                "/" + "a".repeat(5000), "/\u2028", "/\u0085", "/a%0d%0aX: y/../");
        Arbitrary<String> prefix = Arbitraries.of("", "/notes", "/a/b");
        return Arbitraries.oneOf(elsewhere, Combinators.combine(prefix, attack).as((p, a) -> p + a));
    }

    @Provide
    Arbitrary<String> unknownMethods() {
        return Arbitraries.oneOf(Arbitraries.of("CONNECT", "TRACE", "FOO", "", " GET", "GET\r\nX: y", "G ET",
                "GET /", "PROPFIND"), Arbitraries.strings().ofMaxLength(20))
                .filter(m -> !List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
                        .contains(m.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    @Provide
    Arbitrary<Object> unserialisable() {
        return Arbitraries.of(1, 2, 3).map(i -> switch (i) {
            case 1 -> new Object();
            case 2 -> {
                Map<String, Object> loop = new java.util.HashMap<>();
                loop.put("self", loop);
                yield loop;
            }
            default -> new Unreadable();
        });
    }
}
