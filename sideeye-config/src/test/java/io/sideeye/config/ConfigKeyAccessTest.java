package io.sideeye.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each key sets and reads the same option of the core's configuration: a value other than the
 * default, set through the key, is read back through it and changes that key only.
 */
class ConfigKeyAccessTest {
    @TempDir
    Path dir;

    @Test
    void everyKeySetsAndReadsItsOwnOption() throws IOException {
        ServiceConfig defaults = DjangoServiceManager.builder().projectDir(dir).name("web").config();
        for (ConfigKey key : ConfigKey.values()) {
            Object value = otherThanDefault(key, key.valueIn(defaults));
            ServiceConfig changed = key.applyTo(defaults.toBuilder(), value).config();
            assertThat(key.valueIn(changed)).as(key.key()).isEqualTo(value);
            assertThat(ConfigDiff.between(defaults, changed).changed()).as(key.key()).containsExactly(key);
        }
    }

    /** A valid value of {@code key}'s type that differs from {@code current}. */
    private Object otherThanDefault(ConfigKey key, Object current) throws IOException {
        return switch (key.type()) {
            case PORT -> 8123;
            case COUNT -> (Integer) current + 1;
            case BYTES -> (Long) current + 1024;
            case BOOLEAN -> key == ConfigKey.ALLOW_REMOTE_HOST ? true : !(Boolean) current;
            case DURATION -> ((Duration) current).plusMillis(500);
            case TEXT -> key != ConfigKey.HOST ? "/" + key.key() : "localhost".equals(current) ? "127.0.0.1" : "localhost";
            case PATH -> key == ConfigKey.LOG_FILE ? dir.resolve("sideeye.log")
                    : Files.createDirectory(dir.resolve(key.key()));
            case EXECUTABLE -> "python3.12";
            case SERVER -> current == ServerKind.WAITRESS ? ServerKind.GUNICORN : ServerKind.WAITRESS;
            case HEALTH -> current == HealthMode.TCP ? HealthMode.PROCESS : HealthMode.TCP;
            case STATUS_CODES -> List.of(200, 204);
            case URL -> "http://127.0.0.1:9000/app";
            case SECRET -> "s3cret";
            case ARGV -> List.of("python3", "-m", "waitress", "--port={port}", "app:wsgi");
            case ENV_MAP -> Map.of("SIDEEYE_DEBUG", "1");
            case NAMES -> throw new AssertionError(key + " is a group key");
        };
    }
}
