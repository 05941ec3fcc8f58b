package io.sideeye.desktop.ui;

import io.sideeye.desktop.model.ApiDraft;
import io.sideeye.desktop.model.ApiResult;
import io.sideeye.desktop.model.InputException;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The API console: method, endpoint (below the API base path) and JSON body in; status, time
 * and the pretty-printed answer out. Goes through the manager's {@code apiCall}, so calls carry
 * the launch's token and obey its endpoint rules.
 */
final class ApiConsolePane extends VBox {
    private final ApiClient api;
    private final ChoiceBox<String> method = new ChoiceBox<>();
    private final TextField endpoint = new TextField("/notes/");
    private final TextArea body = new TextArea();
    private final Button send = new Button("Send");
    private final Label summary = Fx.label("Send a request to see the answer here.", "api-summary", "tone-idle");
    private final TextArea response = new TextArea();

    ApiConsolePane(ApiClient api, String basePath) {
        this.api = api;
        getStyleClass().add("api-pane");
        method.getItems().setAll(ApiDraft.METHODS);
        method.setValue("GET");
        method.setId("apiMethod");
        endpoint.setId("apiEndpoint");
        endpoint.setPromptText("/notes/");
        HBox.setHgrow(endpoint, Priority.ALWAYS);
        endpoint.setOnAction(e -> send());
        send.setId("apiSend");
        send.getStyleClass().add("primary");
        send.setOnAction(e -> send());
        body.setId("apiBody");
        body.setPromptText("JSON body, e.g. {\"title\": \"Hello\", \"body\": \"from the API console\"}");
        body.setPrefRowCount(4);
        body.getStyleClass().add("code");
        body.disableProperty().bind(method.valueProperty().isEqualTo("GET").or(method.valueProperty().isEqualTo("DELETE")));
        summary.setId("apiSummary");
        summary.setWrapText(true);
        response.setId("apiResponse");
        response.setEditable(false);
        response.getStyleClass().add("code");
        VBox.setVgrow(response, Priority.ALWAYS);

        Label base = Fx.label(basePath.isEmpty() ? "/" : basePath, "base-path");
        HBox request = new HBox(method, base, endpoint, send);
        request.setAlignment(Pos.CENTER_LEFT);
        request.getStyleClass().add("api-request");
        getChildren().addAll(Fx.label("Request", "section-title"), request, body,
                Fx.label("Response", "section-title"), summary, response);
    }

    private void send() {
        ApiDraft draft;
        try {
            String text = body.isDisabled() ? "" : body.getText();
            draft = ApiDraft.parse(method.getValue(), endpoint.getText(), text);
        } catch (InputException e) {
            show(ApiResult.rejected(e));
            return;
        }
        send.setDisable(true);
        summary.setText(draft.method() + " " + draft.endpoint() + " \u2026");
        Fx.onFxThread(api.call(draft.endpoint(), draft.method(), draft.body()), (answer, failure) -> {
            send.setDisable(false);
            show(failure != null ? ApiResult.failed(failure) : ApiResult.of(answer));
        });
    }

    private void show(ApiResult result) {
        summary.setText(result.summary());
        Fx.swapStyle(summary, "tone-", result.tone().styleClass());
        response.setText(result.body());
    }
}
