package io.sideeye.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.GroupEvent;
import io.sideeye.service.ServiceEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class EventFormatterTest {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678Z");
    private final EventFormatter plain = new EventFormatter(Style.PLAIN, ZoneOffset.UTC);

    @Test
    void oneLinePerEventWithTimeNameAndFields() {
        assertThat(plain.format(new ServiceEvent.Started(AT, 4321, 8000, 231)))
                .isEqualTo("03:04:05.678 started       pid=4321 port=8000 startupMs=231");
        assertThat(plain.format(new ServiceEvent.ProcessExit(AT, 143, "SIGTERM")))
                .isEqualTo("03:04:05.678 process-exit  code=143 signal=SIGTERM");
        assertThat(plain.format(new ServiceEvent.ProcessExit(AT, 0, null)))
                .isEqualTo("03:04:05.678 process-exit  code=0");
        assertThat(plain.format(new ServiceEvent.Unhealthy(AT, 0, "connection refused", 1.25)))
                .isEqualTo("03:04:05.678 unhealthy     status=0 error=\"connection refused\" latencyMs=1.3");
        assertThat(plain.format(new ServiceEvent.Healthy(AT, 200, null, 3.0)))
                .isEqualTo("03:04:05.678 healthy       status=200 latencyMs=3");
        assertThat(plain.format(new ServiceEvent.Healthy(AT, 0, null, 0.0)))
                .as("a health: process service has no HTTP status to show")
                .isEqualTo("03:04:05.678 healthy       process alive");
    }

    @Test
    void timesFollowDaylightSavingTimeAcrossBothChangesOfTheYear() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        EventFormatter formatter = new EventFormatter(Style.PLAIN, berlin);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        // 2026-03-29 01:00Z: 02:00 CET becomes 03:00 CEST; 2026-10-25 01:00Z: 03:00 CEST becomes 02:00 CET
        for (Instant change : new Instant[] {Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z")}) {
            for (long offset : new long[] {-3_600_000, -1, 0, 1, 999, 3_600_000}) {
                Instant at = change.plusMillis(offset).plusNanos(456_789);
                assertThat(formatter.format(new ServiceEvent.Stopped(at)))
                        .as(at.toString())
                        .isEqualTo(time.format(at.atZone(berlin)) + " stopped       ");
            }
        }
        assertThat(formatter.format(new ServiceEvent.Stopped(Instant.parse("2026-03-29T00:59:59.999Z"))))
                .startsWith("01:59:59.999 ");
        assertThat(formatter.format(new ServiceEvent.Stopped(Instant.parse("2026-03-29T01:00:00.000Z"))))
                .startsWith("03:00:00.000 ");
        assertThat(formatter.format(new ServiceEvent.Stopped(Instant.parse("2026-10-25T00:59:59.999Z"))))
                .startsWith("02:59:59.999 ");
        assertThat(formatter.format(new ServiceEvent.Stopped(Instant.parse("2026-10-25T01:00:00.000Z"))))
                .startsWith("02:00:00.000 ");
    }

    @Test
    void apiErrorsAndProcessErrorsNameWhatFailed() {
        assertThat(plain.format(new ServiceEvent.ApiError(AT, "/notes/", "POST", "connection refused")))
                .isEqualTo("03:04:05.678 api-error     method=POST endpoint=/notes/ error=\"connection refused\"");
        assertThat(plain.format(new ServiceEvent.ProcessError(AT, "cannot spawn python3", "No such file")).lines())
                .containsExactly("03:04:05.678 process-error cannot spawn python3", " ".repeat(27) + "No such file");
        assertThat(plain.format(new ServiceEvent.Restarting(AT, 2, 4000)))
                .isEqualTo("03:04:05.678 restarting    attempt=2 delayMs=4000");
    }

    @Test
    void messagesAndOutputLinesAreShownAsText() {
        assertThat(plain.format(new ServiceEvent.Stdout(AT, "Serving on http://127.0.0.1:8000")))
                .isEqualTo("03:04:05.678 stdout        Serving on http://127.0.0.1:8000");
        assertThat(plain.format(new ServiceEvent.Info(AT, "Development mode: Django service managed externally")))
                .isEqualTo("03:04:05.678 info          Development mode: Django service managed externally");
    }

    @Test
    void outputLinesCannotDriveTheTerminal() {
        // ESC sequences (CSI colour, screen clear, OSC title), BEL and a carriage return that would hide the line
        String hostile = "\u001b[2J\u001b]0;owned\u0007 fake\rok \u009b31m";
        assertThat(plain.format(new ServiceEvent.Stdout(AT, hostile)))
                .isEqualTo("03:04:05.678 stdout        \\u001b[2J\\u001b]0;owned\\u0007 fake\\rok \\u009b31m")
                .doesNotContain("\u001b", "\u0007", "\r", "\u009b");
        assertThat(plain.format(new ServiceEvent.Stderr(AT, "\u001b[31mred")))
                .isEqualTo("03:04:05.678 stderr        \\u001b[31mred");
        assertThat(ServiceEvent.printable("plain text, \"quoted\" and \\ kept"))
                .isEqualTo("plain text, \"quoted\" and \\ kept");
    }

    @Test
    void anErrorsCauseFollowsOnIndentedLines() {
        String text = plain.format(new ServiceEvent.Error(AT, "Django service exited during startup (code 1)",
                "Traceback (most recent call last):\nModuleNotFoundError: No module named 'django'"));
        assertThat(text.lines()).containsExactly(
                "03:04:05.678 error         Django service exited during startup (code 1)",
                " ".repeat(27) + "Traceback (most recent call last):",
                " ".repeat(27) + "ModuleNotFoundError: No module named 'django'");
    }

    @Test
    void coloursOnlyWhenAsked() {
        String coloured = new EventFormatter(Style.ANSI, ZoneOffset.UTC).format(new ServiceEvent.Started(AT, 1, 2, 3));
        assertThat(coloured).contains("\u001b[32mstarted\u001b[0m");
        assertThat(plain.format(new ServiceEvent.Started(AT, 1, 2, 3))).doesNotContain("\u001b");
    }

    @Test
    void jsonModePrintsTheEventsOneJsonFormAndNotesAsSideeyeLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, true, false,
                Style.PLAIN, Clock.fixed(AT, ZoneOffset.UTC));
        console.event(new ServiceEvent.Started(AT, 4321, 8000, 231));
        console.note("configuration reloaded");
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "{\"name\":\"started\",\"timestamp\":\"2025-01-02T03:04:05.678Z\",\"pid\":4321,\"port\":8000,\"startupMs\":231}",
                "{\"name\":\"sideeye\",\"timestamp\":\"2025-01-02T03:04:05.678Z\",\"message\":\"configuration reloaded\"}");
    }

    @Test
    void severalServicesPutWhoseEventItIsInAColumnAndTheCommandsOwnLinesSaySideeyeThere() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false, false,
                Style.PLAIN, Clock.fixed(AT, ZoneOffset.UTC));
        console.labelWidth("worker#2".length());
        console.event(new GroupEvent("web", 1, new ServiceEvent.Started(AT, 4321, 8000, 231)), "web");
        console.event(new GroupEvent("worker", 2, new ServiceEvent.Error(AT, "worker not started", "why\nmore")),
                "worker#2");
        console.note("web ready");
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "03:04:05.678 web      started       pid=4321 port=8000 startupMs=231",
                "03:04:05.678 worker#2 error         worker not started",
                " ".repeat(36) + "why",
                " ".repeat(36) + "more",
                "03:04:05.678 sideeye  web ready");
    }

    @Test
    void jsonEventsOfAGroupNameTheirServiceAndInstance() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, true, false,
                Style.PLAIN, Clock.fixed(AT, ZoneOffset.UTC));
        console.event(new GroupEvent("worker", 2, new ServiceEvent.Stopped(AT)), "worker#2");
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(
                "{\"name\":\"stopped\",\"timestamp\":\"2025-01-02T03:04:05.678Z\",\"service\":\"worker\",\"instance\":2}");
    }

    @Test
    void theProgressLineIsClearedBeforeAnyOtherLineAndRedrawnAfter() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false, true,
                Style.PLAIN, Clock.fixed(AT, ZoneOffset.UTC));
        console.progress("starting 1.0s / 30s");
        console.note("hello");
        console.clearProgress();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\r\u001b[2Kstarting 1.0s / 30s" + "\r\u001b[2K" + "03:04:05.678 sideeye       hello" + System.lineSeparator()
                        + "\r\u001b[2Kstarting 1.0s / 30s" + "\r\u001b[2K");
    }

    @Test
    void noProgressLineWhenNotATerminal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false, false,
                Style.PLAIN, Clock.fixed(AT, ZoneOffset.UTC));
        console.progress("starting");
        assertThat(out.size()).isZero();
        assertThat(console.showsProgress()).isFalse();
    }

    @Test
    void colourModeAutoFollowsTheTerminalAndNoColor() {
        assertThat(Style.forMode(ColorMode.AUTO, true, java.util.Map.of()).enabled()).isTrue();
        assertThat(Style.forMode(ColorMode.AUTO, false, java.util.Map.of()).enabled()).isFalse();
        assertThat(Style.forMode(ColorMode.AUTO, true, java.util.Map.of("NO_COLOR", "1")).enabled()).isFalse();
        assertThat(Style.forMode(ColorMode.AUTO, true, java.util.Map.of("TERM", "dumb")).enabled()).isFalse();
        assertThat(Style.forMode(ColorMode.ALWAYS, false, java.util.Map.of()).enabled()).isTrue();
        assertThat(Style.forMode(ColorMode.NEVER, true, java.util.Map.of()).enabled()).isFalse();
    }
}
