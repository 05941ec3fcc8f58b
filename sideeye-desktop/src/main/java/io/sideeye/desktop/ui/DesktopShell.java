package io.sideeye.desktop.ui;

import io.sideeye.desktop.lifecycle.ProcessTrees;
import io.sideeye.desktop.model.BoundedLog;
import io.sideeye.desktop.model.EarlyEvents;
import io.sideeye.desktop.model.Failures;
import io.sideeye.desktop.model.LogKind;
import io.sideeye.desktop.model.QuitSequence;
import io.sideeye.desktop.model.ServiceAction;
import io.sideeye.desktop.model.ServiceViewModel;
import io.sideeye.desktop.model.UiEventQueue;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import io.sideeye.service.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app around one {@link DjangoServiceManager}: opens the window at once, starts the
 * backend in the background, forwards the manager's events to the window, runs the buttons'
 * actions, and quits without leaving the backend behind.
 *
 * <p>The FX thread never waits: every manager call returns a future whose result is applied
 * with {@code Platform.runLater}; {@code getStatus()} is a lock-free snapshot.
 *
 * <p>Quitting (closing the window, Ctrl/Cmd-Q, or {@link #requestQuit()} from a signal
 * handler): the first request shows the "Quitting" state, stops the backend gracefully and
 * closes the manager, then exits; a second request kills the backend's process tree at once and
 * exits.
 */
public final class DesktopShell {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopShell.class);

    private final Stage stage;
    private final DjangoServiceManager manager;
    private final Runnable exit;
    private final QuitSequence quit = new QuitSequence();
    private final UiEventQueue events = new UiEventQueue(Platform::runLater);
    private final AtomicBoolean finished = new AtomicBoolean();
    private DesktopWindow window;
    private ServiceViewModel model;
    private Timeline ticker;
    private Subscription subscription;

    /**
     * A shell for {@code manager} in {@code stage}.
     *
     * @param exit ends the application once the backend is stopped; may be called on any thread
     */
    public DesktopShell(Stage stage, DjangoServiceManager manager, Runnable exit) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.exit = Objects.requireNonNull(exit, "exit");
    }

    /** Shows the window and starts the backend in the background. Call on the FX thread. */
    public void open() {
        open(null, null);
    }

    /**
     * Shows the window for a backend whose start may already be under way (the app starts it
     * while JavaFX starts): {@code early} holds the events so far and {@code earlySubscription}
     * is its subscription to the manager, closed when the app quits. Call on the FX thread.
     */
    public void open(EarlyEvents early, Subscription earlySubscription) {
        ServiceConfig config = manager.config();
        window = new DesktopWindow(subtitle(config), config.apiBasePath(), BoundedLog.DEFAULT_CAPACITY,
                manager::apiCall, this::run);
        model = new ServiceViewModel(manager.getStatus(), window.log().log());
        model.onChange(() -> window.show(model.statusBar(), model.actions()));
        events.attach(this::deliver);
        if (early != null) {
            subscription = earlySubscription;
            early.handOver(events);
        } else {
            subscription = manager.onAny(events);
        }

        stage.setTitle("SideEye \u2014 " + subtitle(config));
        stage.setScene(window.scene());
        stage.setMinWidth(860);
        stage.setMinHeight(560);
        stage.setOnCloseRequest(e -> {
            e.consume(); // the window stays, showing "Quitting", until the backend has stopped
            requestQuit();
        });
        window.scene().getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                this::requestQuit);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.refresh(manager.getStatus())));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        window.show(model.statusBar(), model.actions());
        stage.show();
        LOG.info("Window open");
        run(ServiceAction.START);
    }

    /**
     * Brings the window forward (restored, in front, focused); any thread. Another launch of the
     * installed app asks for this instead of opening a second window.
     */
    public void bringForward() {
        onFxThread(() -> {
            stage.setIconified(false);
            stage.show();
            stage.toFront();
            stage.requestFocus();
            LOG.info("Another launch asked for the window: brought it forward");
        });
    }

    /**
     * Asks the app to quit; any thread. The first request stops the backend gracefully, then
     * exits; the second forces; later ones are ignored.
     */
    public void requestQuit() {
        switch (quit.request()) {
            case STOP_GRACEFULLY -> onFxThread(this::stopThenExit);
            case FORCE -> forceExit();
            case ALREADY_FORCING -> LOG.info("Already quitting");
        }
    }

    private void run(ServiceAction action) {
        if (!model.begin(action)) {
            return;
        }
        CompletableFuture<Boolean> call = switch (action) {
            case START -> manager.start();
            case STOP -> manager.stop();
            case RESTART -> manager.restart();
            case HEALTH_CHECK -> manager.healthCheck();
        };
        Fx.onFxThread(call, (ok, failure) -> {
            model.finish(action);
            model.refresh(manager.getStatus());
            if (failure != null) {
                model.note(LogKind.ERROR, action.label() + " failed: " + Failures.describe(failure));
            } else if (Boolean.TRUE.equals(ok) && manager.getStatus().state() == ServiceState.EXTERNAL
                    && (action == ServiceAction.START || action == ServiceAction.RESTART)) {
                window.notes().reload(); // an external backend emits no "started"
            }
        });
    }

    private void deliver(List<ServiceEvent> batch) {
        model.accept(batch);
        model.refresh(manager.getStatus());
        for (ServiceEvent event : batch) {
            if (event instanceof ServiceEvent.Started started) {
                LOG.info("Backend running at {} (pid {})", manager.getStatus().url(), started.pid());
                window.notes().reload();
            } else if (event instanceof ServiceEvent.Stopped) {
                LOG.info("Backend stopped");
            } else if (event instanceof ServiceEvent.Error error) {
                LOG.warn("{}", error.message());
            }
        }
    }

    private void stopThenExit() {
        model.beginQuit();
        model.note(LogKind.EVENT, "Quitting: stopping the backend first (quit again to force)");
        LOG.info("Quitting: stopping the backend (quit again to force)");
        Thread stopper = new Thread(() -> {
            manager.close();
            LOG.info("Backend stopped; exiting");
            finish();
        }, "sideeye-desktop-quit");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void forceExit() {
        Long pid = manager.getStatus().pid();
        List<ProcessHandle> killed = pid == null ? List.of() : ProcessTrees.killTree(pid);
        LOG.warn("Quit forced: killed {} backend process(es)", killed.size());
        finish();
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        events.detach();
        if (subscription != null) {
            subscription.close();
        }
        onFxThread(() -> {
            if (ticker != null) {
                ticker.stop();
            }
            stage.hide();
        });
        exit.run();
    }

    private static void onFxThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    private static String subtitle(ServiceConfig config) {
        String project = config.projectDir().toAbsolutePath().normalize().getFileName() + "";
        return config.dev() ? "External Django backend on port " + config.port() : "Django project \u00b7 " + project;
    }
}
