package io.sideeye.control.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    @Test
    void randomTokensCarry256BitsInBase64UrlAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String t = AccessToken.random().reveal();
            assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            seen.add(t);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void matchesOnlyTheExactToken() {
        AccessToken token = AccessToken.random();
        String value = token.reveal();
        assertThat(token.matches(value)).isTrue();
        assertThat(token.matches(value.substring(1))).isFalse();
        assertThat(token.matches(value + "x")).isFalse();
        assertThat(token.matches(value.toUpperCase())).isEqualTo(value.equals(value.toUpperCase()));
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void refusesWeakCallerTokensWithoutEchoingThem() {
        String shortToken = "secret-but-short";
        assertThatThrownBy(() -> AccessToken.of(shortToken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 43 characters")
                .message().doesNotContain(shortToken);
        String spaced = "a".repeat(40) + " b c";
        assertThatThrownBy(() -> AccessToken.of(spaced))
                .hasMessageContaining("characters outside")
                .message().doesNotContain(spaced);
    }

    @Test
    void acceptsALongCallerTokenAndNeverPrintsIt() {
        String value = "k".repeat(50);
        AccessToken token = AccessToken.of(value);
        assertThat(token.matches(value)).isTrue();
        assertThat(token.toString()).doesNotContain(value);
    }
}
