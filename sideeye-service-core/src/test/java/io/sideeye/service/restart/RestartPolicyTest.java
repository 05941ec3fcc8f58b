package io.sideeye.service.restart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void doublesFromTheFirstStepUpToTheCap() {
        RestartPolicy p = new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 10);
        assertThat(p.delayFor(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delayFor(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.delayFor(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.delayFor(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(p.delayFor(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delayFor(1000)).isEqualTo(Duration.ofSeconds(30)); // no overflow
    }

    @Test
    void zeroDelayStaysZero() {
        assertThat(new RestartPolicy(Duration.ZERO, Duration.ZERO, 3).delayFor(7)).isZero();
    }

    @Test
    void exhaustedAtMaxAttempts() {
        RestartPolicy p = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
        assertThat(p.exhausted(2)).isFalse();
        assertThat(p.exhausted(3)).isTrue();
        assertThat(new RestartPolicy(Duration.ZERO, Duration.ZERO, 0).exhausted(0)).isTrue();
    }
}
