package io.sideeye.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ActionAvailabilityTest {

    @ParameterizedTest(name = "{0}: start={1} stop={2} restart={3} health={4}")
    @CsvSource({
            "STOPPED,  true,  false, false, false",
            "STARTING, false, true,  false, false",
            "RUNNING,  false, true,  true,  true",
            "STOPPING, false, false, false, false",
            "BACKOFF,  false, true,  true,  false",
            "FAILED,   true,  false, true,  false",
            "EXTERNAL, false, true,  true,  true",
    })
    void idleButtonsFollowTheState(ServiceState state, boolean start, boolean stop, boolean restart, boolean health) {
        assertThat(ActionAvailability.of(state, null, false))
                .isEqualTo(new ActionAvailability(start, stop, restart, health));
    }

    @ParameterizedTest
    @EnumSource(value = ServiceState.class, names = {"STARTING", "RUNNING", "BACKOFF"})
    void whileBusyOnlyStopStaysEnabledSoAStartCanBeCancelled(ServiceState state) {
        assertThat(ActionAvailability.of(state, ServiceAction.START, false))
                .isEqualTo(new ActionAvailability(false, true, false, false));
        assertThat(ActionAvailability.of(state, ServiceAction.RESTART, false))
                .isEqualTo(new ActionAvailability(false, true, false, false));
        assertThat(ActionAvailability.of(state, ServiceAction.HEALTH_CHECK, false))
                .isEqualTo(new ActionAvailability(false, true, false, false));
    }

    @ParameterizedTest
    @EnumSource(ServiceState.class)
    void aStopInFlightDisablesEverything(ServiceState state) {
        assertThat(ActionAvailability.of(state, ServiceAction.STOP, false)).isEqualTo(ActionAvailability.NONE);
    }

    @ParameterizedTest
    @EnumSource(ServiceState.class)
    void quittingDisablesEverything(ServiceState state) {
        assertThat(ActionAvailability.of(state, null, true)).isEqualTo(ActionAvailability.NONE);
    }

    @ParameterizedTest
    @EnumSource(ServiceAction.class)
    void allowsAnswersPerButton(ServiceAction action) {
        ActionAvailability only = new ActionAvailability(action == ServiceAction.START, action == ServiceAction.STOP,
                action == ServiceAction.RESTART, action == ServiceAction.HEALTH_CHECK);
        for (ServiceAction other : ServiceAction.values()) {
            assertThat(only.allows(other)).as(other.name()).isEqualTo(other == action);
        }
    }
}
