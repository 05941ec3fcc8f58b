package io.sideeye.desktop.ui;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small helpers every part of the window uses. */
final class Fx {
    private Fx() {
    }

    /** Runs {@code then} on the FX thread once {@code future} completes; the caller never waits. */
    static <T> void onFxThread(CompletableFuture<T> future, BiConsumer<T, Throwable> then) {
        future.whenComplete((value, failure) -> Platform.runLater(() -> then.accept(value, failure)));
    }

    /** A label with style classes. */
    static Label label(String text, String... styleClasses) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    /** A region that takes the free horizontal space in an HBox. */
    static Region spacer() {
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    /** Replaces the style classes of {@code node} that start with {@code prefix} by {@code current}. */
    static void swapStyle(Node node, String prefix, String current) {
        Collection<String> classes = node.getStyleClass();
        classes.removeIf(c -> c.startsWith(prefix));
        classes.add(current);
    }
}
