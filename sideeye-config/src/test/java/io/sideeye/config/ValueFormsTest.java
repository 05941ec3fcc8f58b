package io.sideeye.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueFormsTest {

    @Test
    void durationsAreMillisecondsOrCarryAUnit() {
        assertThat(Durations.parse("500")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse(" 1.5s ")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
        assertThatThrownBy(() -> Durations.parse("2 secs")).hasMessage("'2 secs' is not a duration; " + Durations.ALLOWED);
        assertThatThrownBy(() -> Durations.parse("1d")).hasMessageStartingWith("'1d' is not a duration");
    }

    @Test
    void sizesTakeBinaryUnits() {
        assertThat(ValueType.BYTES.convert("16MiB", null)).isEqualTo(16L << 20);
        assertThat(ValueType.BYTES.convert("512k", null)).isEqualTo(512L << 10);
        assertThat(ValueType.BYTES.convert(1024, null)).isEqualTo(1024L);
        assertThatThrownBy(() -> ValueType.BYTES.convert("lots", null)).hasMessageStartingWith("'lots' is not a size");
    }

    @Test
    void portsAcceptAutoInAnyCase() {
        assertThat(ValueType.PORT.convert("AUTO", null)).isEqualTo(0);
        assertThat(ValueType.PORT.convert("8080", null)).isEqualTo(8080);
        assertThatThrownBy(() -> ValueType.PORT.convert(99_999_999_999L, null)).hasMessage("99999999999 is too large");
    }

    @Test
    void suggestionsCatchTyposButNotUnrelatedWords() {
        List<String> keys = ConfigKey.names();
        assertThat(Suggestions.closest("healthcheckinterval", keys)).contains("healthCheckInterval");
        assertThat(Suggestions.closest("prot", keys)).contains("port");
        assertThat(Suggestions.closest("shutdownTimout", keys)).contains("shutdownTimeout");
        assertThat(Suggestions.closest("colour", keys)).isEmpty();
    }

    @Test
    void diffsNameEachChangedKeyAndWhetherTheBackendMustRestart() {
        var base = io.sideeye.service.DjangoServiceManager.builder();
        var before = base.config();
        var live = ConfigDiff.between(before, before.toBuilder().healthCheckInterval(Duration.ofSeconds(1)).config());
        assertThat(live.changed()).containsExactly(ConfigKey.HEALTH_CHECK_INTERVAL);
        assertThat(live.needsBackendRestart()).isFalse();
        assertThat(live.describe()).isEqualTo("healthCheckInterval 10s -> 1s");
        var restart = ConfigDiff.between(before, before.toBuilder().port(8001).unhealthyThreshold(5).config());
        assertThat(restart.needsBackendRestart()).isTrue();
        assertThat(restart.restartKeys()).containsExactly(ConfigKey.PORT);
        assertThat(ConfigDiff.between(before, before.toBuilder().config()).isEmpty()).isTrue();
    }
}
