package io.sideeye.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.desktop.config.ArgumentConfigSource;
import io.sideeye.desktop.config.DesktopArguments;
import io.sideeye.desktop.model.Formats;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.Ports;
import io.sideeye.testsupport.RequiresReferenceBackend;
import io.sideeye.testsupport.Signals;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window with the real Django backend, headless (Monocle): start, restart, create a
 * note, quit by closing the window and by Ctrl-Q, and no backend process left afterwards; and
 * development mode, where the backend runs outside the app and outlives it.
 */
@RequiresReferenceBackend
class DesktopShellIT {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "desktop-window.png");
    private static final Path FAILED_SCREENSHOT = Path.of("target", "screenshots", "desktop-start-failed.png");
    private static final Path API_SCREENSHOT = Path.of("target", "screenshots", "desktop-api-console.png");

    private final FxRobot robot = new FxRobot();
    private final CountDownLatch exited = new CountDownLatch(1);
    private DjangoServiceManager manager;
    private Stage stage;
    private DesktopShell shell;

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private void open(DjangoServiceManager managerToShow) {
        manager = managerToShow;
        robot.interact(() -> {
            stage = new Stage();
            shell = new DesktopShell(stage, manager, exited::countDown);
            shell.open();
        });
    }

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
            robot.interact(() -> stage.hide());
        }
    }

    private <T extends Node> T node(String id, Class<T> type) {
        return robot.from(stage.getScene().getRoot()).lookup("#" + id).queryAs(type);
    }

    private String text(String id) {
        return fx(() -> node(id, Label.class).getText());
    }

    private static <T> T fx(Supplier<T> read) {
        AtomicReference<T> value = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> value.set(read.get()));
        return value.get();
    }

    private void awaitRunning() {
        await().atMost(STARTUP).until(() -> text("statusHeadline").equals("Running")
                && !text("pidValue").equals(Formats.NONE));
    }

    @Test
    void startsRestartsCreatesANoteAndLeavesNoBackendWhenTheWindowCloses() throws Exception {
        open(Backend.desktopConfig(dataDir, runtimeDir).build());
        awaitRunning();
        long firstPid = Long.parseLong(text("pidValue"));
        int port = Integer.parseInt(text("portValue"));
        assertThat(manager.getStatus().pid()).isEqualTo(firstPid);
        assertThat(fx(() -> node("startButton", Button.class).isDisabled())).isTrue();
        assertThat(fx(() -> node("restartButton", Button.class).isDisabled())).isFalse();
        assertThat(fx(() -> node("logList", ListView.class).getItems().size())).isGreaterThan(0);

        // Restart: the buttons are busy, then the backend is back with a new process
        robot.clickOn("#restartButton");
        await().atMost(STARTUP).until(() -> text("statusHeadline").equals("Running")
                && !text("pidValue").equals(Formats.NONE) && Long.parseLong(text("pidValue")) != firstPid);
        await().atMost(Duration.ofSeconds(15)).until(() -> !Liveness.running(firstPid));
        await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> node("restartButton", Button.class).isDisabled()));
        long secondPid = Long.parseLong(text("pidValue"));

        // A note through the notes view, i.e. through apiCall into the real backend
        robot.clickOn("#noteTitle").write("Groceries");
        robot.clickOn("#noteBody").write("Milk, eggs and coffee");
        robot.clickOn("#addNoteButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> text("notesMessage").equals("Created \u201cGroceries\u201d.")
                && fx(() -> node("notesList", ListView.class).getItems().size()) == 1);
        JsonNode notes = manager.apiCall("/notes/").get(30, TimeUnit.SECONDS).data();
        assertThat(notes.get("count").asInt()).isEqualTo(1);
        assertThat(notes.get("notes").get(0).get("title").asText()).isEqualTo("Groceries");
        assertThat(notes.get("notes").get(0).get("body").asText()).isEqualTo("Milk, eggs and coffee");

        // A health check from the button shows in the log
        robot.clickOn("#healthButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> !text("latencyValue").equals(Formats.NONE));

        BufferedImage screenshot = fx(() -> Screenshots.render(stage.getScene()));
        Screenshots.save(screenshot, SCREENSHOT);

        // The API console: GET /notes/ answers with the note, pretty-printed
        robot.clickOn("API console");
        robot.clickOn("#apiSend");
        await().atMost(Duration.ofSeconds(30)).until(() -> text("apiSummary").startsWith("200 OK"));
        assertThat(fx(() -> node("apiResponse", TextArea.class).getText())).contains("\"title\" : \"Groceries\"");
        robot.interact(() -> node("apiMethod", ChoiceBox.class).setValue("POST"));
        robot.clickOn("#apiBody").write("{\"body\": \"no title\"}");
        robot.clickOn("#apiSend");
        await().atMost(Duration.ofSeconds(30)).until(() -> text("apiSummary").startsWith("400 Bad Request"));
        assertThat(fx(() -> node("apiResponse", TextArea.class).getText())).contains("\"field\" : \"title\"");
        Screenshots.save(fx(() -> Screenshots.render(stage.getScene())), API_SCREENSHOT);
        assertThat(screenshot.getWidth()).isGreaterThan(800);
        assertThat(Screenshots.distinctColours(screenshot)).as("colours in " + SCREENSHOT).isGreaterThan(50);

        // Closing the window: "Quitting", the backend stops, then the app exits
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(exited.await(60, TimeUnit.SECONDS)).as("the app asked to exit").isTrue();
        assertThat(Liveness.running(secondPid)).isFalse();
        assertThat(Ports.isFree(port)).isTrue();
        assertThat(text("statusHeadline")).isEqualTo("Quitting");
    }

    @Test
    void ctrlQQuitsGracefullyAndASecondCtrlQForcesWhileTheBackendHangs() throws Exception {
        open(Backend.desktopConfig(dataDir, runtimeDir).build());
        awaitRunning();
        long pid = Long.parseLong(text("pidValue"));
        Signals.send(pid, "STOP"); // a hung backend: SIGTERM stays pending, the graceful stop cannot finish
        try {
            robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
            await().atMost(Duration.ofSeconds(10)).until(() -> text("statusHeadline").equals("Quitting"));
            assertThat(text("statusMessage")).contains("quit again to force");
            assertThat(fx(() -> node("stopButton", Button.class).isDisabled())).isTrue();
            assertThat(exited.getCount()).as("still waiting for the graceful stop").isEqualTo(1);

            robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
            assertThat(exited.await(30, TimeUnit.SECONDS)).as("the forced quit exits").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !Liveness.running(pid));
        } finally {
            if (Liveness.running(pid)) {
                Signals.send(pid, "KILL");
            }
        }
    }

    @Test
    void inDevModeTheExternalBackendIsUsedButNeverStopped() throws Exception {
        try (ExternalBackend external = ExternalBackend.start(dataDir)) {
            DesktopArguments args = DesktopArguments.parse(List.of("--dev", "--port", Integer.toString(external.port())));
            open(new ArgumentConfigSource(args).builder().runtimeDir(runtimeDir).build());
            await().atMost(STARTUP).until(() -> text("statusHeadline").equals("Running"));
            assertThat(text("stateValue")).isEqualTo("EXTERNAL");
            assertThat(text("modeBadge")).isEqualTo("DEV \u00b7 external backend");
            assertThat(text("pidValue")).isEqualTo(Formats.NONE);
            assertThat(text("portValue")).isEqualTo(Integer.toString(external.port()));

            robot.clickOn("#noteTitle").write("From dev mode");
            robot.clickOn("#addNoteButton");
            await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> node("notesList", ListView.class).getItems().size()) == 1);
            assertThat(external.get("/api/notes/")).contains("\"title\": \"From dev mode\"");

            robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
            assertThat(exited.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(external.process().isAlive()).as("the external backend is not ours to stop").isTrue();
        }
    }

    @Test
    void aFailedStartIsShownAsAReadableErrorAndCanBeRetried(@TempDir Path notAProject) throws Exception {
        DesktopArguments args = DesktopArguments.parse(List.of("--project", notAProject.toString()));
        open(new ArgumentConfigSource(args).builder().runtimeDir(runtimeDir).build());
        await().atMost(STARTUP).until(() -> text("statusHeadline").equals("Error"));
        String message = text("statusMessage");
        assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(fx(() -> node("statusMessage", Label.class).isVisible())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !fx(() -> node("startButton", Button.class).isDisabled()));
        assertThat(fx(() -> node("healthButton", Button.class).isDisabled())).isTrue();
        Screenshots.save(fx(() -> Screenshots.render(stage.getScene())), FAILED_SCREENSHOT);

        robot.clickOn("#startButton"); // a retry fails the same way, and says so again
        await().atMost(STARTUP).until(() -> fx(() -> node("logList", ListView.class).getItems().stream()
                .filter(e -> e.toString().contains("Starting the backend")).count()) == 2);
        await().atMost(STARTUP).until(() -> text("statusHeadline").equals("Error"));
    }
}
