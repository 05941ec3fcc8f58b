package io.sideeye.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuitSequenceTest {

    @Test
    void theFirstQuitStopsGracefullyTheSecondForcesLaterOnesDoNothing() {
        QuitSequence quit = new QuitSequence();
        assertThat(quit.requested()).isFalse();
        assertThat(quit.request()).isEqualTo(QuitSequence.Step.STOP_GRACEFULLY);
        assertThat(quit.requested()).isTrue();
        assertThat(quit.request()).isEqualTo(QuitSequence.Step.FORCE);
        assertThat(quit.request()).isEqualTo(QuitSequence.Step.ALREADY_FORCING);
    }
}
