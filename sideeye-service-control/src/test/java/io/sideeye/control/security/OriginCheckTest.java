package io.sideeye.control.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginCheckTest {
    private final OriginCheck check = new OriginCheck(new HostCheck(8765).ownOrigins(),
            Set.of("http://localhost:5173"));

    @Test
    void allowsOurOwnOriginsAndRequestsWithoutBrowserMarkers() {
        assertThat(check.allows("http://127.0.0.1:8765", null)).isTrue();
        assertThat(check.allows("http://localhost:8765", "same-origin")).isTrue();
        assertThat(check.allows("http://[::1]:8765", null)).isTrue();
        assertThat(check.allows("http://localhost.:8765", null)).isTrue();
        assertThat(check.allows(null, null)).isTrue();
        assertThat(check.allows(null, "same-origin")).isTrue();
        assertThat(check.allows(null, "none")).isTrue();
    }

    @Test
    void refusesForeignOriginsAndCrossSiteFetches() {
        assertThat(check.allows("http://evil.example", null)).isFalse();
        assertThat(check.allows("http://127.0.0.1:8766", null)).isFalse();
        assertThat(check.allows("https://127.0.0.1:8765", null)).isFalse();
        assertThat(check.allows("null", null)).isFalse();
        assertThat(check.allows(null, "cross-site")).isFalse();
    }

    @Test
    void allowsExplicitlyTrustedOriginsOnlyExactly() {
        assertThat(check.allows("http://localhost:5173", "cross-site")).isTrue();
        assertThat(check.isExtra("http://localhost:5173")).isTrue();
        assertThat(check.isExtra("http://localhost:5174")).isFalse();
        assertThat(check.isExtra(null)).isFalse();
    }
}
