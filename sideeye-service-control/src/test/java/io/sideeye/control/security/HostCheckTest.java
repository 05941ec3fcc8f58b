package io.sideeye.control.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostCheckTest {
    private final HostCheck check = new HostCheck(8765);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765", "[::1]:8765",
            "localhost.:8765", "127.0.0.1.:8765"})
    void allowsLoopbackNamesWithOurPort(String host) {
        assertThat(check.allows(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:8765", "127.0.0.1:8766", "localhost:80", "localhost", "127.0.0.1",
            "[::1]", "localhost..:8765", "localhost.evil.example:8765", "evil.localhost:8765",
            "127.0.0.1.evil.example:8765", "0.0.0.0:8765", "[::ffff:127.0.0.1]:8765", "127.0.0.2:8765",
            ":8765", "", "localhost:8765 ", "localhost:08765", "localhost:+8765", "user@localhost:8765",
            "[::1].:8765"})
    void refusesEverythingElse(String host) {
        assertThat(check.allows(host)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aServerBehindARelayAnswersToBothPortsAndNoOther() {
        HostCheck relayed = new HostCheck(8765, 9001);

        assertThat(relayed.allows("127.0.0.1:8765")).isTrue();
        assertThat(relayed.allows("localhost:9001")).isTrue();
        assertThat(relayed.allows("127.0.0.1:9002")).isFalse();
        assertThat(relayed.allows("evil.example:9001")).isFalse();
        assertThat(relayed.ownOrigins()).contains("http://127.0.0.1:8765", "http://[::1]:9001").hasSize(6);
    }

    @org.junit.jupiter.api.Test
    void refusesAMissingHost() {
        assertThat(check.allows(null)).isFalse();
    }
}
