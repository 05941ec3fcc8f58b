package io.sideeye.desktop.ui;

import io.sideeye.desktop.model.StatusBarView;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The bottom bar: pid, port, uptime, restarts, last health latency and URL of the backend. */
final class StatusBar extends HBox {
    private final Label state = value("stateValue");
    private final Label pid = value("pidValue");
    private final Label port = value("portValue");
    private final Label uptime = value("uptimeValue");
    private final Label restarts = value("restartsValue");
    private final Label latency = value("latencyValue");
    private final Label url = value("urlValue");
    private final Label mode = Fx.label("", "mode-badge");

    StatusBar() {
        getStyleClass().add("status-bar");
        mode.setId("modeBadge");
        getChildren().addAll(field("State", state), field("PID", pid), field("Port", port), field("Uptime", uptime),
                field("Restarts", restarts), field("Health", latency), field("URL", url), Fx.spacer(), mode);
    }

    void show(StatusBarView view) {
        state.setText(view.state());
        pid.setText(view.pid());
        port.setText(view.port());
        uptime.setText(view.uptime());
        restarts.setText(view.restarts());
        latency.setText(view.latency());
        url.setText(view.url());
        mode.setText(view.external() ? "DEV · external backend" : "Managed backend");
    }

    private static Label value(String id) {
        Label label = Fx.label("", "status-value");
        label.setId(id);
        return label;
    }

    private static VBox field(String name, Label value) {
        VBox box = new VBox(Fx.label(name.toUpperCase(java.util.Locale.ROOT), "status-name"), value);
        box.getStyleClass().add("status-field");
        return box;
    }
}
