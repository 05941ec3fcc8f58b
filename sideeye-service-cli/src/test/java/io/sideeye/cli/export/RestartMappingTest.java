package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartMappingTest {

    private static RestartMapping mapping(int attempts, Duration delay, Duration cap) {
        ServiceConfig config = DjangoServiceManager.builder().maxRestartAttempts(attempts).restartDelay(delay)
                .maxRestartDelay(cap).restartResetAfter(Duration.ofSeconds(60)).config();
        return new RestartMapping(config);
    }

    @Test
    void defaultsDoubleFromTwoSecondsToTheCapInFourSteps() {
        RestartMapping m = mapping(3, Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(m.steps()).isEqualTo(4); // 2, 4, 8, 16, then 30
        assertThat(m.delayFor(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(m.delayFor(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(m.delayFor(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.startLimitBurst()).isEqualTo(4);
        // four starts of under a minute each, plus the waits 2 + 4 + 8
        assertThat(m.startLimitInterval()).isEqualTo(Duration.ofSeconds(4 * 60 + 14));
    }

    @Test
    void aDelayThatNeverGrowsHasNoSteps() {
        assertThat(mapping(3, Duration.ofSeconds(5), Duration.ofSeconds(5)).steps()).isZero();
        assertThat(mapping(3, Duration.ZERO, Duration.ofSeconds(5)).steps()).isZero();
        assertThat(mapping(3, Duration.ZERO, Duration.ofSeconds(5)).delayFor(3)).isZero();
    }

    @Test
    void noAttemptsMeansNoRestarts() {
        RestartMapping m = mapping(0, Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(m.restarts()).isFalse();
        assertThat(m.startLimitBurst()).isEqualTo(1);
    }

    @Test
    void aCapThatIsNotAPowerOfTwoAwayTakesTheStepThatPassesIt() {
        assertThat(mapping(10, Duration.ofMillis(500), Duration.ofSeconds(3)).steps()).isEqualTo(3); // .5, 1, 2, (4→3)
        assertThat(mapping(10, Duration.ofMillis(500), Duration.ofSeconds(3)).delayFor(4)).isEqualTo(Duration.ofSeconds(3));
    }
}
