package io.sideeye.desktop.ui;

import io.sideeye.desktop.model.ActionAvailability;
import io.sideeye.desktop.model.ServiceAction;
import io.sideeye.desktop.model.StatusBarView;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The top of the window: the app's name, the status pill (coloured dot and headline), the
 * lifecycle buttons, and under them a banner with the current error, shown only when there is one.
 */
final class HeaderBar extends VBox {
    private final Region dot = new Region();
    private final Label headline = Fx.label("", "status-headline");
    private final HBox pill = new HBox(dot, headline);
    private final Label banner = Fx.label("", "status-banner");
    private final ServiceControls controls;

    HeaderBar(String subtitle, Consumer<ServiceAction> onAction) {
        getStyleClass().add("header");
        controls = new ServiceControls(onAction);
        dot.getStyleClass().add("status-dot");
        headline.setId("statusHeadline");
        pill.getStyleClass().add("status-pill");
        pill.setAlignment(Pos.CENTER_LEFT);
        banner.setId("statusMessage");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.managedProperty().bind(banner.visibleProperty());

        Label title = Fx.label("SideEye", "app-title");
        Label sub = Fx.label(subtitle, "app-subtitle");
        VBox titles = new VBox(title, sub);
        titles.getStyleClass().add("titles");
        HBox top = new HBox(titles, pill, Fx.spacer(), controls);
        top.getStyleClass().add("header-row");
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, banner);
    }

    void show(StatusBarView view, ActionAvailability availability) {
        headline.setText(view.headline());
        Fx.swapStyle(pill, "tone-", view.tone().styleClass());
        Fx.swapStyle(banner, "tone-", view.tone().styleClass());
        banner.setText(view.message() == null ? "" : view.message());
        banner.setVisible(view.message() != null && !view.message().isBlank());
        controls.show(availability);
    }
}
