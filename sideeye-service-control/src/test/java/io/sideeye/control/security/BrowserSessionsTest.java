package io.sideeye.control.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BrowserSessionsTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private final AccessToken token = AccessToken.random();

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aCodeWorksOnceAndItsSessionEndsAfterItsLifetime() {
        BrowserSessions sessions = new BrowserSessions(token, 8765, at(NOW));
        String code = sessions.newCode();
        String session = sessions.exchange(code);

        assertThat(session).isNotNull().doesNotContain(token.reveal());
        assertThat(sessions.exchange(code)).isNull();
        assertThat(sessions.isValid(session)).isTrue();
        Instant end = NOW.plus(BrowserSessions.SESSION_LIFETIME);
        assertThat(new BrowserSessions(token, 8765, at(end.minusSeconds(1))).isValid(session)).isTrue();
        assertThat(new BrowserSessions(token, 8765, at(end)).isValid(session)).isFalse();
    }

    @Test
    void aSessionIsBoundToTheTokenAndPortOfItsServer() {
        BrowserSessions issuer = new BrowserSessions(token, 8765, at(NOW));
        String session = issuer.exchange(issuer.newCode());

        assertThat(new BrowserSessions(token, 8765, at(NOW)).isValid(session)).as("restarted, same token").isTrue();
        assertThat(new BrowserSessions(token, 8766, at(NOW)).isValid(session)).isFalse();
        assertThat(new BrowserSessions(AccessToken.random(), 8765, at(NOW)).isValid(session)).isFalse();
    }

    @Test
    void aChangedExpiryOrGarbageIsRefused() {
        BrowserSessions sessions = new BrowserSessions(token, 8765, at(NOW));
        String session = sessions.exchange(sessions.newCode());
        String[] parts = session.split("\\.");
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2] + "." + parts[3];

        assertThat(sessions.isValid(later)).isFalse();
        for (String junk : new String[] {null, "", "s1.", "s1..", "s1.x.y.z", token.reveal(), "s1." + "a".repeat(300)}) {
            assertThat(sessions.isValid(junk)).as(String.valueOf(junk)).isFalse();
        }
        assertThat(sessions.exchange(null)).isNull();
    }

    @Test
    void onlyTheNewestCodesStayOpen() {
        BrowserSessions sessions = new BrowserSessions(token, 8765, at(NOW));
        String oldest = sessions.newCode();
        for (int i = 0; i < BrowserSessions.MAX_OPEN_CODES; i++) {
            sessions.newCode();
        }
        assertThat(sessions.exchange(oldest)).isNull();
        assertThat(sessions.exchange(sessions.newCode())).isNotNull();
    }
}
