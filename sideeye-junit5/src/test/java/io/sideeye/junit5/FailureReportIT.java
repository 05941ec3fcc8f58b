package io.sideeye.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sideeye.testsupport.ReferenceBackend;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/** A failed test's report carries the backend's last output lines; a backend that cannot start says why. */
class FailureReportIT {

    @Test
    void aFailedTestsReportCarriesTheBackendsLastLines() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FailingTests.class)).execute();
        Events events = results.allEvents();

        results.testEvents().assertStatistics(stats -> stats.failed(1).succeeded(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).hasMessageContaining("the test's own failure");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0]).isInstanceOf(BackendOutput.class)
                .hasMessageContaining("output lines of the backend (RUNNING, http://127.0.0.1:")
                .hasMessageContaining("stderr | WARNING django.request: Not Found: /api/" + FailingTests.MISSING);

        List<Map<String, String>> entries = events.reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get(SideEyeExtension.REPORT_KEY))
                .isEqualTo(failure.getSuppressed()[0].getMessage());
    }

    @Test
    void aBackendThatCannotStartFailsTheClassWithItsReasonAndOutput() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Crashing.class)).execute()
                .allEvents();

        Event failed = events.failed().stream().findFirst().orElseThrow();
        Throwable failure = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(failed.getType()).isEqualTo(EventType.FINISHED);
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The backend for class FailureReportIT$Crashing did not start")
                .hasMessageContaining("projectDir " + ReferenceBackend.PROJECT);
        assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage))
                .anyMatch(m -> m.contains("stderr | settings missing: no database configured"));
        assertThat(events.filter(e -> e.getTestDescriptor().isTest()).count()).isZero();
    }

    static class FailingTests {
        static final String MISSING = "no-such-page-4711/";

        @RegisterExtension
        static final SideEyeExtension BACKEND = SideEyeExtension.of(TestBackend.builder()).logLinesOnFailure(20);

        @Test
        void fails(BackendClient client) {
            assertThat(client.get("/" + MISSING).status()).isEqualTo(404);
            // the log line travels through the backend's stderr pipe: wait for it, so that the
            // report's content does not depend on how fast the machine is
            await().atMost(Duration.ofSeconds(10)).until(() -> client.manager().recentLogs().stream()
                    .anyMatch(l -> l.line().contains(MISSING)));
            fail("the test's own failure");
        }

        @Test
        void passes(BackendClient client) {
            assertThat(client.get("/notes/").success()).isTrue();
        }
    }

    static class Crashing {
        /** A "backend" that writes its complaint to stderr and exits at once. */
        @RegisterExtension
        static final SideEyeExtension BACKEND = SideEyeExtension.of(TestBackend.builder().command(List.of(
                ReferenceBackend.PYTHON.toString(), "-c",
                "import sys; print('settings missing: no database configured', file=sys.stderr); sys.exit(3)")));

        @Test
        void neverRuns() {
            fail("a test ran although its backend did not start");
        }
    }
}
