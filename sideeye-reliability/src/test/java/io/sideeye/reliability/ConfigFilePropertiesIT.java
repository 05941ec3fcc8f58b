package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.config.ConfigException;
import io.sideeye.config.ConfigKey;
import io.sideeye.config.ConfigLoader;
import io.sideeye.config.ConfigRequest;
import io.sideeye.service.ServiceConfigException;
import io.sideeye.service.ServiceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every value a {@code sideeye.json} file can hold for a key either loads or fails with a
 * {@link ConfigException} (exit code 2) or {@link ServiceConfigException} naming that key;
 * never another exception. Unknown keys fail naming the key.
 */
class ConfigFilePropertiesIT {
    private static final List<String> KEYS = Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList();

    @Property(tries = 500)
    void everyFileValueLoadsOrNamesItsKey(@ForAll("keys") String key, @ForAll("values") Object value) throws Exception {
        Path dir = Files.createTempDirectory("sideeye-config-props");
        try {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(key, value);
            Path file = dir.resolve("sideeye.json");
            Files.writeString(file, ServiceJson.writer().writeValueAsString(doc));
            try {
                assertThat(ConfigLoader.load(new ConfigRequest(file, null, List.of(), Map.of(), dir)).config())
                        .isNotNull();
            } catch (ConfigException e) {
                assertThat(e.getMessage()).as("error for %s = %s", key, value).contains(key);
            } catch (ServiceConfigException e) {
                assertThat(ConfigKey.byField(e.field()).map(ConfigKey::key).orElse(e.field()))
                        .as("field named for %s = %s: %s", key, value, e.getMessage()).isEqualTo(key);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.of("prot", "Port", "isdev", "", " port",
                "healthCheckInterval ", "__proto__"));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.of("2s", "500ms", "1m", "-1s", "0", "0ms", "9999999999999999d", "1.5s", "s", "10 s",
                        "PT5S", "1e9", "NaN", "auto", "WAITRESS", "/tmp", "/no/such/dir", "../x", "{port}", "1MiB",
                        "-5", "65536", "yes", "null").map(s -> (Object) s),
                Arbitraries.of(1.5, -0.0, 1e300, Double.MAX_VALUE).map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(8).list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), Arbitraries.strings().ofMaxLength(5))
                        .ofMaxSize(2).map(m -> (Object) m))
                .injectNull(0.05);
    }
}
