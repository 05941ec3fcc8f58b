package io.sideeye.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WrongEndpointTest {
    private static HttpReply reply(int status, String contentType, String body) {
        return new HttpReply(status, "", contentType, body.getBytes(StandardCharsets.UTF_8), 1_000_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400 | text/html        | <h1>Bad Request (400)</h1>     | HTTP 400: the backend refuses the request itself (Django does so for a host not in ALLOWED_HOSTS)",
        "404 | text/html        | <h1>Not Found</h1>             | HTTP 404: no URL of the backend matches this path",
        "410 | text/html        | gone                           | HTTP 410: no URL of the backend matches this path",
        "405 | text/html        |                                | HTTP 405: this URL does not answer GET",
        "401 | application/json | {}                             | HTTP 401: this URL needs a login or a permission the health check does not have",
        "403 | text/html        | CSRF                           | HTTP 403: this URL needs a login or a permission the health check does not have",
        "302 | text/html        |                                | HTTP 302: a redirect (to a login page, or to the path with a slash added)",
        "301 |                  |                                | HTTP 301: a redirect (to a login page, or to the path with a slash added)",
        "200 | text/html        | <html>welcome</html>           | HTTP 200: an HTML page, not the health JSON",
        "200 | application/json | {\"status\":\"ok\"}            | HTTP 200: not the sideeye health app's answer (no instance id)",
    })
    void answersThatSayTheHealthUrlIsWrongAreRecognisedUnderTheContract(int status, String type, String body,
                                                                         String reason) {
        assertThat(WrongEndpoint.reason(reply(status, type, body == null ? "" : body), true, List.of()))
                .isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "503 | application/json | {\"status\":\"starting\"}",
        "500 | text/html        | <h1>Server Error</h1>",
        "502 | text/plain       | bad gateway",
        "429 | text/plain       | slow down",
        "200 | application/json | {\"status\":\"healthy\",\"instance\":\"someone\"}",
    })
    void answersOfABackendStillWarmingUpAreNot(int status, String type, String body) {
        assertThat(WrongEndpoint.reason(reply(status, type, body), true, List.of())).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | 200     | false",
        "302 | 200,302 | false",
        "401 | 200,401 | false",
        "404 | 200     | true",
        "302 | 200     | true",
        "503 | 200     | false",
    })
    void withExpectedCodesAnHtmlPageIsFineAndAnExpectedCodeIsNeverWrong(int status, String codes, boolean wrong) {
        List<Integer> expected = java.util.Arrays.stream(codes.split(",")).map(Integer::valueOf).toList();
        assertThat(WrongEndpoint.reason(reply(status, "text/html", "<html></html>"), false, expected) != null)
                .isEqualTo(wrong);
    }

    @org.junit.jupiter.api.Test
    void theRemedyOfA400IsTheAllowedHostsNotTheHealthApp() {
        assertThat(WrongEndpoint.remedy(400, true)).contains("ALLOWED_HOSTS").doesNotContain("sideeye_health");
        assertThat(WrongEndpoint.remedy(404, true)).contains("'sideeye_health' in INSTALLED_APPS", "health: tcp");
        assertThat(WrongEndpoint.remedy(404, false)).contains("healthStatus", "health: tcp")
                .doesNotContain("INSTALLED_APPS");
    }
}
