package io.sideeye.service.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void cyclesThroughTheCandidatesInTurn() {
        RoundRobin turn = new RoundRobin();
        List<String> three = List.of("a", "b", "c");
        assertThat(IntStream.range(0, 6).mapToObj(i -> turn.next(three)))
                .containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void withFewerCandidatesEveryOneStillGetsItsTurn() {
        RoundRobin turn = new RoundRobin();
        turn.next(List.of("a", "b", "c"));
        List<String> two = List.of("a", "c");
        assertThat(IntStream.range(0, 4).mapToObj(i -> turn.next(two))).containsExactlyInAnyOrder("a", "a", "c", "c");
    }

    @Test
    void noCandidateIsAnError() {
        assertThatThrownBy(() -> new RoundRobin().next(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
