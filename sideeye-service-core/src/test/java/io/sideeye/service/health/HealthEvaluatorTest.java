package io.sideeye.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthEvaluatorTest {
    private static final String OURS = "inst-7f3a";
    private static final String JSON = "application/json";
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    private static HttpReply reply(int status, String contentType, String body) {
        return new HttpReply(status, "", contentType, body.getBytes(StandardCharsets.UTF_8), 2_500_000);
    }

    private static HealthCheckResult evaluate(int status, String contentType, String body) {
        return HealthEvaluator.evaluate(reply(status, contentType, body), OURS, AT);
    }

    /** As an attached service's answer is judged: no instance id is expected. */
    private static HealthCheckResult evaluateAttached(int status, String contentType, String body) {
        return HealthEvaluator.evaluate(reply(status, contentType, body), null, AT);
    }

    @Test
    void theHealthContractsAnswerIsHealthyWithItsLatencyAndStatus() {
        HealthCheckResult result = evaluate(200, "application/json; charset=utf-8",
                "{\"status\":\"healthy\",\"service\":\"SideEye Django Backend\",\"instance\":\"" + OURS + "\","
                        + "\"checks\":{\"database\":{\"status\":\"healthy\",\"latencyMs\":1.2}}}");

        assertThat(result).isEqualTo(new HealthCheckResult(AT, true, 200, null, 2.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy", "HEALTHY", "pass", "ok", "OK", "UP", "up", "Healthy"})
    void acceptsEveryHealthyStatusWordInAnyCase(String word) {
        assertThat(evaluate(200, JSON, "{\"status\":\"" + word + "\",\"instance\":\"" + OURS + "\"}").healthy())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "204 | application/json |",
        "200 | text/plain       | OK",
        "200 | text/html        | <html>{not json</html>",
        "200 |                  | fine",
        "200 |                  | {broken but undeclared",
        "200 | application/json | {\"service\":\"x\"}",
        "200 | application/json | {\"status\":null,\"instance\":null}",
        "200 | application/json | [1,2]",
        "299 | application/json | {\"status\":\"pass\"}",
    })
    void isHealthyWithA2xxAndNothingThatSaysOtherwiseWhenNoInstanceIsExpected(int status, String contentType,
                                                                             String body) {
        HealthCheckResult result = evaluateAttached(status, contentType, body == null ? "" : body);

        assertThat(result.healthy()).isTrue();
        assertThat(result.error()).isNull();
        assertThat(result.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500 | text/html        | <h1>Server Error</h1>            | HTTP 500",
        "404 |                  |                                  | HTTP 404",
        "302 | text/html        | moved                            | HTTP 302",
        "503 | application/json | {\"status\":\"unhealthy\"}       | HTTP 503: status \"unhealthy\"",
        "200 | application/json | {\"status\":\"degraded\"}        | unexpected status \"degraded\"",
        "200 | application/json | {\"status\":false}               | unexpected status \"false\"",
        "200 |                  | {\"status\":\"starting\"}        | unexpected status \"starting\"",
    })
    void isUnhealthyWithAReadableReason(int status, String contentType, String body, String error) {
        HealthCheckResult result = evaluate(status, contentType, body == null ? "" : body);

        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).isEqualTo(error);
        assertThat(result.status()).isEqualTo(status);
    }

    @Test
    void namesTheFailingChecksOfAn503() {
        HealthCheckResult result = evaluate(503, JSON, "{\"status\":\"unhealthy\",\"instance\":\"" + OURS + "\","
                + "\"checks\":{\"database\":{\"status\":\"unhealthy\",\"error\":\"password=hunter2\"},"
                + "\"cache\":{\"status\":\"healthy\"}}}");

        assertThat(result.error()).isEqualTo("HTTP 503: status \"unhealthy\" (failing check: database)")
                .doesNotContain("hunter2");
    }

    @Test
    void namesAtMostThreeFailingChecks() {
        HealthCheckResult result = evaluate(503, JSON, "{\"status\":\"fail\",\"checks\":{\"a\":\"fail\",\"b\":false,"
                + "\"c\":{\"status\":\"down\"},\"d\":{\"status\":\"unhealthy\"},\"e\":{\"status\":\"ok\"}}}");

        assertThat(result.error()).isEqualTo("HTTP 503: status \"fail\" (failing checks: a, b, c and 1 more)");
    }

    @Test
    void rejectsAnotherServersInstanceEvenWhenItSaysHealthy() {
        HealthCheckResult result = evaluate(200, JSON, "{\"status\":\"healthy\",\"instance\":\"abc\"}");

        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).isEqualTo("instance \"abc\" is not ours (another server holds the port)");
    }

    @Test
    void namesTheForeignInstanceOfAFailingAnswerToo() {
        assertThat(evaluate(500, JSON, "{\"instance\":\"abc\"}").error())
                .isEqualTo("HTTP 500: instance \"abc\" is not ours (another server holds the port)");
    }

    @Test
    void acceptsAnyInstanceWhenNoneIsExpected() {
        HttpReply external = reply(200, JSON, "{\"status\":\"ok\",\"instance\":\"started-by-hand\"}");

        assertThat(HealthEvaluator.evaluate(external, null, AT).healthy()).isTrue();
    }

    @Test
    void quotesAndShortensValuesTakenFromTheAnswer() {
        HealthCheckResult result = evaluate(200, JSON, "{\"status\":\"bad\\r\\nX-Injected: 1" + "y".repeat(200) + "\"}");

        assertThat(result.error()).startsWith("unexpected status \"bad\\r\\nX-Injected: 1yyy")
                .endsWith("...\"").doesNotContain("\n").hasSizeLessThan(100);
    }

    @Test
    void aDeclaredJsonBodyThatDoesNotParseIsUnhealthy() {
        HealthCheckResult result = evaluate(200, JSON, "{\"status\": \"heal");

        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).isEqualTo("malformed health JSON in an HTTP 200 answer");
    }

    @Test
    void trailingGarbageAfterJsonIsMalformed() {
        assertThat(evaluate(200, JSON, "{\"status\":\"healthy\"} <html>").error())
                .isEqualTo("malformed health JSON in an HTTP 200 answer");
    }

    @Test
    void malformedJsonOfAFailingAnswerKeepsTheStatusFirst() {
        assertThat(evaluate(502, JSON, "<html>Bad Gateway</html>").error()).isEqualTo("HTTP 502 (malformed health JSON)");
    }

    @Test
    void aFailureBecomesAnUnhealthyResultWithItsMessage() {
        HttpFailure refused = new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused");

        HealthCheckResult result = HealthEvaluator.failure(new CompletionException(refused), AT, 1_250_000);

        assertThat(result).isEqualTo(new HealthCheckResult(AT, false, 0, "connection refused", 1.25));
    }

    @Test
    void describesAnUnexpectedFailureByTypeAndMessage() {
        assertThat(HealthEvaluator.describe(new IllegalStateException("pool\nclosed")))
                .isEqualTo("health check failed: IllegalStateException: pool\\nclosed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/json | {\"status\":\"healthy\"}                  | a JSON answer without the instance id",
        "application/json | {\"status\":\"healthy\",\"instance\":null} | a JSON answer without the instance id",
        "text/html        | <html>Welcome</html>                      | an HTML page instead of the health JSON",
        "text/plain       | OK                                        | an answer that is not the health JSON",
    })
    void aSpawnedBackendsAnswerWithoutTheInstanceIdIsRejected(String contentType, String body, String what) {
        HealthCheckResult result = evaluate(200, contentType, body);

        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).isEqualTo("HTTP 200 with " + what
                + ": it is not the sideeye health app's answer (or another server holds the port)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | 200,204 |     | true  |",
        "204 | 200,204 |     | true  |",
        "503 | 200,204 |     | false | HTTP 503 (expected 200 or 204)",
        "201 |         |     | true  |",
        "302 |         |     | false | HTTP 302 (expected 2xx)",
        "200 |         | ok  | true  |",
        "200 | 200     | up  | false | HTTP 200: the body does not contain \"up\"",
        "418 | 418     | ok  | true  |",
    })
    void expectationsJudgeByStatusAndBodyWithoutTheContract(int status, String codes, String text, boolean healthy,
                                                             String error) {
        List<Integer> expected = codes == null ? List.of()
                : java.util.Arrays.stream(codes.split(",")).map(Integer::valueOf).toList();
        HealthCheckResult result = HealthEvaluator.expecting(reply(status, "text/html", "<p>all ok</p>"), expected,
                text, AT);

        assertThat(result.healthy()).isEqualTo(healthy);
        assertThat(result.error()).isEqualTo(error);
        assertThat(result.status()).isEqualTo(status);
    }
}
