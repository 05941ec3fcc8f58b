package io.sideeye.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every builder option has a configuration key (the service's name is the key of its block under
 * {@code services:}), and docs/CONFIG.md documents every key.
 */
class ConfigKeyCoverageTest {

    @Test
    void everySetterOfTheBuilderIsAKey() throws Exception {
        List<String> setters = Arrays.stream(ServiceBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == ServiceBuilder.class
                        && m.getParameterCount() == 1)
                .map(Method::getName).filter(name -> !name.equals("name")).distinct().toList();
        assertThat(setters).hasSize(ConfigKey.values().length);
        for (String setter : setters) {
            assertThat(ConfigKey.byField(setter)).as("a key for builder method %s", setter).isPresent();
        }
    }

    @Test
    void configMdDocumentsEveryKeyWithItsEnvironmentVariable() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "CONFIG.md"));
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(doc).as(key.key()).contains("| `" + key.key() + "` |");
            if (key.readsEnvironment()) {
                assertThat(doc).as(key.key()).contains("`" + key.envName() + "`");
            }
        }
        for (GroupKey key : GroupKey.values()) {
            assertThat(doc).as(key.key()).contains("| `" + key.key() + "` |");
        }
        assertThat(doc).contains("| `tokenEnv` |");
    }
}
