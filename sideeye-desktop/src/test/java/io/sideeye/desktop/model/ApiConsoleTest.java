package io.sideeye.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceNotRunningException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ApiConsoleTest {

    @Test
    void aDraftIsCheckedAndItsBodyParsed() throws Exception {
        ApiDraft draft = ApiDraft.parse("post", " /notes/ ", "{\"title\": \"hi\"}");
        assertThat(draft.method()).isEqualTo("POST");
        assertThat(draft.endpoint()).isEqualTo("/notes/");
        assertThat(draft.body().get("title").asText()).isEqualTo("hi");
        assertThat(ApiDraft.parse("GET", "/notes/", "  ").body()).isNull();
    }

    @Test
    void badInputIsRejectedWithWhatToDo() {
        assertThatThrownBy(() -> ApiDraft.parse("TRACE", "/x/", "")).isInstanceOf(InputException.class)
                .hasMessage("Method 'TRACE' is not supported; choose one of [GET, POST, PUT, PATCH, DELETE]");
        assertThatThrownBy(() -> ApiDraft.parse("GET", "", "")).hasMessageContaining("type a path such as /notes/");
        assertThatThrownBy(() -> ApiDraft.parse("GET", "notes/", "")).hasMessage("Endpoint 'notes/' must start with /, e.g. /notes/");
        assertThatThrownBy(() -> ApiDraft.parse("POST", "/notes/", "{\"title\": }"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("Body is not valid JSON (line 1, column 11)")
                .hasMessageEndingWith("Fix it or leave the body empty.");
    }

    @Test
    void answersAreSummarisedAndPrettyPrinted() throws Exception {
        var data = ServiceJson.reader().readTree("{\"id\":1,\"title\":\"hi\"}");
        ApiResult created = ApiResult.of(new ApiResponse(true, 201, data, null, 12));
        assertThat(created.summary()).isEqualTo("201 Created · 12 ms");
        assertThat(created.tone()).isEqualTo(StatusTone.OK);
        assertThat(created.body()).contains("\"title\" : \"hi\"").contains(System.lineSeparator());

        ApiResult missing = ApiResult.of(new ApiResponse(false, 404, TextNode.valueOf("<h1>Not Found</h1>"), "HTTP 404 Not Found", 3));
        assertThat(missing.summary()).isEqualTo("404 Not Found · 3 ms");
        assertThat(missing.tone()).isEqualTo(StatusTone.WARNING);
        assertThat(missing.body()).isEqualTo("<h1>Not Found</h1>");

        assertThat(ApiResult.of(new ApiResponse(false, 299, null, null, 1)).summary()).isEqualTo("299 · 1 ms");
    }

    @Test
    void callsWithoutAnAnswerAreErrors() {
        ApiResult refused = ApiResult.of(new ApiResponse(false, 0, null, "connection refused", 2));
        assertThat(refused.summary()).isEqualTo("No answer: connection refused · 2 ms");
        assertThat(refused.tone()).isEqualTo(StatusTone.ERROR);
        assertThat(refused.body()).isEmpty();

        ApiResult notRunning = ApiResult.failed(new CompletionException(new ServiceNotRunningException()));
        assertThat(notRunning.summary()).isEqualTo("The backend is not running. Start it, then try again.");
        ApiResult badEndpoint = ApiResult.failed(new CompletionException(
                new IllegalArgumentException("endpoint: '/../admin' must not contain '..'")));
        assertThat(badEndpoint.summary()).isEqualTo("endpoint: '/../admin' must not contain '..'");
    }
}
