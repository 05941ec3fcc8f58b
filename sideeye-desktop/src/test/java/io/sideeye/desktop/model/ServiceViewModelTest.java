package io.sideeye.desktop.model;

import io.sideeye.service.SeedStatus;

import static io.sideeye.desktop.model.Statuses.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceViewModelTest {
    private final BoundedLog log = new BoundedLog(new ArrayList<>(), 100);
    private final ServiceViewModel model = new ServiceViewModel(Statuses.of(ServiceState.STOPPED), log);

    private void events(ServiceEvent... events) {
        model.accept(List.of(events));
    }

    @Test
    void headlineFollowsTheForwardedLifecycle() {
        assertThat(model.statusBar().headline()).isEqualTo("Stopped");
        assertThat(model.statusBar().tone()).isEqualTo(StatusTone.IDLE);

        events(new ServiceEvent.Starting(T0));
        assertThat(model.statusBar().headline()).isEqualTo("Starting");
        assertThat(model.statusBar().tone()).isEqualTo(StatusTone.BUSY);

        events(new ServiceEvent.Started(T0, 4242, 8123, 250));
        assertThat(model.statusBar().headline()).isEqualTo("Running");
        assertThat(model.statusBar().tone()).isEqualTo(StatusTone.OK);
        assertThat(model.statusBar().message()).isNull();

        events(new ServiceEvent.Unhealthy(T0, 503, null, 3));
        assertThat(model.statusBar().headline()).isEqualTo("Unhealthy");
        assertThat(model.statusBar().tone()).isEqualTo(StatusTone.WARNING);
        assertThat(model.statusBar().message()).isEqualTo("HTTP 503");

        events(new ServiceEvent.Error(T0, "Django service failed to start: port 8123 is busy", null));
        assertThat(model.statusBar().headline()).isEqualTo("Error");
        assertThat(model.statusBar().tone()).isEqualTo(StatusTone.ERROR);
        assertThat(model.statusBar().message()).isEqualTo("Django service failed to start: port 8123 is busy");
    }

    @Test
    void aPassedHealthCheckAfterUnhealthyShowsRunningAgain() {
        events(new ServiceEvent.Started(T0, 4242, 8123, 250), new ServiceEvent.Unhealthy(T0, 0, "timed out after 5s", 5000));
        assertThat(model.forwardedStatus()).isEqualTo(new SeedStatus("unhealthy", "timed out after 5s"));

        events(new ServiceEvent.Healthy(T0, 200, null, 2));
        assertThat(model.forwardedStatus()).isEqualTo(new SeedStatus("started", null));
        assertThat(model.statusBar().tone()).isEqualTo(StatusTone.OK);
    }

    @Test
    void aPassedHealthCheckDoesNotHideAnError() {
        events(new ServiceEvent.Error(T0, "Max restart attempts reached", null), new ServiceEvent.Healthy(T0, 200, null, 2));
        assertThat(model.forwardedStatus().status()).isEqualTo("error");
    }

    @Test
    void beforeAnyEventAndInDevModeTheHeadlineComesFromTheSnapshot() {
        model.refresh(Statuses.of(ServiceState.EXTERNAL, Statuses.healthy(1.5), 1000));
        StatusBarView bar = model.statusBar();
        assertThat(bar.headline()).isEqualTo("Running");
        assertThat(bar.external()).isTrue();
        assertThat(bar.latency()).isEqualTo("1.5 ms");
    }

    @Test
    void detailsComeFromTheSnapshot() {
        model.refresh(Statuses.of(ServiceState.RUNNING, Statuses.healthy(0.42), 125_000));
        StatusBarView bar = model.statusBar();
        assertThat(bar.state()).isEqualTo("RUNNING");
        assertThat(bar.pid()).isEqualTo("4242");
        assertThat(bar.port()).isEqualTo("8123");
        assertThat(bar.uptime()).isEqualTo("2m 05s");
        assertThat(bar.restarts()).isEqualTo("2");
        assertThat(bar.latency()).isEqualTo("0.42 ms");
        assertThat(bar.url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(bar.external()).isFalse();

        model.refresh(Statuses.of(ServiceState.STOPPED));
        assertThat(model.statusBar().pid()).isEqualTo(Formats.NONE);
        assertThat(model.statusBar().uptime()).isEqualTo(Formats.NONE);
        assertThat(model.statusBar().latency()).isEqualTo(Formats.NONE);
    }

    @Test
    void everyEventReachesTheLogInOrder() {
        events(new ServiceEvent.Starting(T0), new ServiceEvent.Stdout(T0, "Serving on http://127.0.0.1:8123"),
                new ServiceEvent.Stderr(T0, "Watching for file changes"), new ServiceEvent.Started(T0, 4242, 8123, 250),
                new ServiceEvent.Healthy(T0, 200, null, 2));
        assertThat(log.lines()).extracting(LogEntry::kind)
                .containsExactly(LogKind.EVENT, LogKind.STDOUT, LogKind.STDERR, LogKind.EVENT, LogKind.EVENT);
        assertThat(log.lines().get(1).text()).isEqualTo("Serving on http://127.0.0.1:8123");
        assertThat(log.lines().get(3).text()).contains("pid 4242", "port 8123", "250 ms");
    }

    @Test
    void aBatchNotifiesOnce() {
        AtomicInteger changes = new AtomicInteger();
        model.onChange(changes::incrementAndGet);
        events(new ServiceEvent.Stdout(T0, "a"), new ServiceEvent.Stdout(T0, "b"), new ServiceEvent.Stdout(T0, "c"));
        assertThat(changes).hasValue(1);
        model.accept(List.of());
        assertThat(changes).hasValue(1);
    }

    @Test
    void anActionInFlightDisablesTheOtherButtonsUntilItFinishes() {
        assertThat(model.begin(ServiceAction.START)).isTrue();
        model.refresh(Statuses.of(ServiceState.STARTING));
        assertThat(model.actions()).isEqualTo(new ActionAvailability(false, true, false, false));
        assertThat(model.begin(ServiceAction.RESTART)).isFalse();
        assertThat(model.busy()).isEqualTo(ServiceAction.START);

        model.refresh(Statuses.of(ServiceState.RUNNING, Statuses.healthy(1), 1));
        model.finish(ServiceAction.START);
        assertThat(model.actions()).isEqualTo(new ActionAvailability(false, true, true, true));
    }

    @Test
    void aStopCancellingAStartStaysBusyWhenTheStartFinishes() {
        model.begin(ServiceAction.START);
        model.refresh(Statuses.of(ServiceState.STARTING));
        assertThat(model.begin(ServiceAction.STOP)).isTrue();
        model.finish(ServiceAction.START);
        assertThat(model.busy()).isEqualTo(ServiceAction.STOP);
        assertThat(model.actions()).isEqualTo(ActionAvailability.NONE);
        model.refresh(Statuses.of(ServiceState.STOPPED));
        model.finish(ServiceAction.STOP);
        assertThat(model.actions().start()).isTrue();
    }

    @Test
    void quittingDisablesEverythingAndSaysWhatItWaitsFor() {
        model.refresh(Statuses.of(ServiceState.STOPPING));
        model.beginQuit();
        assertThat(model.quitting()).isTrue();
        assertThat(model.actions()).isEqualTo(ActionAvailability.NONE);
        assertThat(model.statusBar().headline()).isEqualTo("Quitting");
        assertThat(model.statusBar().message()).contains("Stopping the backend", "quit again to force");
        model.refresh(Statuses.of(ServiceState.STOPPED));
        assertThat(model.statusBar().message()).isEqualTo("Backend stopped; closing");
        assertThat(model.begin(ServiceAction.START)).isFalse();
    }

    @Test
    void notesOfTheWindowGoToTheLog() {
        model.note(LogKind.ERROR, "Restart failed: boom");
        assertThat(log.lines()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(LogKind.ERROR);
            assertThat(e.text()).isEqualTo("Restart failed: boom");
        });
    }
}
