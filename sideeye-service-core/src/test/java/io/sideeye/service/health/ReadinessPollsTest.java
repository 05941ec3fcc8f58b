package io.sideeye.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessPollsTest {
    private static final HttpReply NOT_FOUND = reply(404, "<h1>Not Found</h1>");
    private static final HttpReply WARMING_UP = reply(503, "{\"status\":\"starting\"}");
    private static final Duration EARLY = Duration.ofMillis(100);

    private static HttpReply reply(int status, String body) {
        return new HttpReply(status, "", status == 404 ? "text/html" : "application/json",
                body.getBytes(StandardCharsets.UTF_8), 1_000_000);
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void fourWrongAnswersOverTwoSecondsFailTheStart() {
        ReadinessPolls polls = new ReadinessPolls();
        long t = ms(1000);
        for (int i = 0; i < 3; i++) {
            ReadinessPolls.Next next = polls.afterUnhealthy(NOT_FOUND, true, List.of(), t, EARLY);
            assertThat(next).isEqualTo(new ReadinessPolls.Next(ReadinessSchedule.WRONG_ANSWER_INTERVAL, null, 0));
            t += next.delay().toNanos();
        }
        assertThat(polls.afterUnhealthy(NOT_FOUND, true, List.of(), t, EARLY))
                .isEqualTo(new ReadinessPolls.Next(null, "HTTP 404: no URL of the backend matches this path", 404));
    }

    @Test
    void anyOtherAnswerStartsTheCountAgain() {
        ReadinessPolls polls = new ReadinessPolls();
        polls.afterUnhealthy(NOT_FOUND, true, List.of(), ms(0), EARLY);
        polls.afterUnhealthy(NOT_FOUND, true, List.of(), ms(1500), EARLY);
        assertThat(polls.afterUnhealthy(null, true, List.of(), ms(1600), EARLY).delay())
                .isEqualTo(ReadinessSchedule.nextDelay(EARLY));
        assertThat(polls.afterUnhealthy(NOT_FOUND, true, List.of(), ms(2100), EARLY).failure()).isNull();
        assertThat(polls.afterUnhealthy(NOT_FOUND, true, List.of(), ms(4000), EARLY).failure()).isNull();
        assertThat(polls.afterUnhealthy(NOT_FOUND, true, List.of(), ms(4100), EARLY).failure()).isNotNull();
    }

    @Test
    void answersOfABackendWarmingUpSpaceThePollsAndARefusalEndsThat() {
        ReadinessPolls polls = new ReadinessPolls();
        assertThat(polls.afterUnhealthy(WARMING_UP, true, List.of(), ms(0), EARLY).delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(polls.afterUnhealthy(WARMING_UP, true, List.of(), ms(250), EARLY).delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(polls.afterUnhealthy(null, true, List.of(), ms(750), EARLY).delay())
                .isEqualTo(ReadinessSchedule.nextDelay(EARLY));
        assertThat(polls.afterUnhealthy(WARMING_UP, true, List.of(), ms(800), EARLY).delay())
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anExpectedStatusIsNeverAWrongAnswer() {
        ReadinessPolls polls = new ReadinessPolls();
        for (long t = 0; t <= 5000; t += 500) {
            assertThat(polls.afterUnhealthy(NOT_FOUND, false, List.of(404), ms(t), EARLY).failure()).isNull();
        }
    }
}
