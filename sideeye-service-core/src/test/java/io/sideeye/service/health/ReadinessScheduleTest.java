package io.sideeye.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadinessScheduleTest {

    @Test
    void pollsEveryFiveMillisecondsUntilAThirtySecondOfTheWaitIsLonger() {
        assertThat(ReadinessSchedule.nextDelay(Duration.ZERO)).isEqualTo(Duration.ofMillis(5));
        assertThat(ReadinessSchedule.nextDelay(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(5));
        assertThat(ReadinessSchedule.nextDelay(Duration.ofMillis(160))).isEqualTo(Duration.ofMillis(5));
        assertThat(ReadinessSchedule.nextDelay(Duration.ofMillis(320))).isEqualTo(Duration.ofMillis(10));
        assertThat(ReadinessSchedule.nextDelay(Duration.ofMillis(600))).isEqualTo(Duration.ofNanos(18_750_000));
        assertThat(ReadinessSchedule.nextDelay(Duration.ofSeconds(4))).isEqualTo(Duration.ofMillis(125));
    }

    @Test
    void neverWaitsLongerThanAQuarterSecond() {
        assertThat(ReadinessSchedule.nextDelay(Duration.ofSeconds(8))).isEqualTo(Duration.ofMillis(250));
        assertThat(ReadinessSchedule.nextDelay(Duration.ofMinutes(5))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aBackendReadyAfter600MillisecondsIsPolled75Times() {
        long polls = 1;
        Duration t = ReadinessSchedule.FLOOR;
        while (t.compareTo(Duration.ofMillis(600)) < 0) {
            t = t.plus(ReadinessSchedule.nextDelay(t));
            polls++;
        }
        assertThat(polls).isEqualTo(75);
    }

    @Test
    void answersThatAreNotYetHealthyDoubleTheIntervalUpToTwoSeconds() {
        Duration early = Duration.ofMillis(100);
        assertThat(ReadinessSchedule.nextDelay(early, 0)).isEqualTo(Duration.ofMillis(5));
        assertThat(ReadinessSchedule.nextDelay(early, 1)).isEqualTo(Duration.ofMillis(250));
        assertThat(ReadinessSchedule.nextDelay(early, 2)).isEqualTo(Duration.ofMillis(500));
        assertThat(ReadinessSchedule.nextDelay(early, 3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ReadinessSchedule.nextDelay(early, 4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReadinessSchedule.nextDelay(early, 500)).isEqualTo(Duration.ofSeconds(2));
    }
}
