package io.sideeye.desktop.ui;

import io.sideeye.desktop.model.ActionAvailability;
import io.sideeye.desktop.model.ServiceAction;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** The Start, Stop, Restart and Health check buttons. */
final class ServiceControls extends HBox {
    private final Map<ServiceAction, Button> buttons = new EnumMap<>(ServiceAction.class);

    ServiceControls(Consumer<ServiceAction> onAction) {
        getStyleClass().add("service-controls");
        for (ServiceAction action : ServiceAction.values()) {
            Button button = new Button(action.label());
            button.setId(switch (action) {
                case START -> "startButton";
                case STOP -> "stopButton";
                case RESTART -> "restartButton";
                case HEALTH_CHECK -> "healthButton";
            });
            button.getStyleClass().add(action == ServiceAction.START ? "primary" : "secondary");
            button.setTooltip(new Tooltip(switch (action) {
                case START -> "Start the backend and wait until it answers its health check";
                case STOP -> "Stop the backend gracefully (SIGTERM, then SIGKILL after the timeout)";
                case RESTART -> "Stop the backend, then start it again";
                case HEALTH_CHECK -> "Check the backend's health endpoint now";
            }));
            button.setOnAction(e -> onAction.accept(action));
            buttons.put(action, button);
            getChildren().add(button);
        }
    }

    void show(ActionAvailability availability) {
        buttons.forEach((action, button) -> button.setDisable(!availability.allows(action)));
    }
}
