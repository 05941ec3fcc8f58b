package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.control.testkit.RawHttp;
import io.sideeye.control.testkit.RawHttp.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlServerSecurityTest {
    private ControlServer server;
    private int port;
    private String token;

    @BeforeEach
    void start() {
        server = ControlServer.builder().allowOrigin("http://localhost:5173").start();
        port = server.port();
        token = server.token();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp get(String path) {
        return RawHttp.request(port, "GET", path);
    }

    private RawHttp post(String path) {
        return RawHttp.request(port, "POST", path);
    }

    @Test
    void bindsLoopbackWithARandomPortAndA256BitToken() {
        assertThat(port).isPositive();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(server.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
        assertThat(server.dashboardUrl().toString()).isEqualTo("http://127.0.0.1:" + port + "/?token=" + token);
    }

    @Test
    void refusesANonLoopbackBindAddress() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> ControlServer.builder().bindAddress(any).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to bind the control server to 0.0.0.0")
                .hasMessageContaining("loopback");
    }

    @Test
    void aTakenPortIsAClearError() {
        assertThatThrownBy(() -> ControlServer.builder().port(port).start())
                .isInstanceOf(ControlServerException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("choose another port");
    }

    @Test
    void missingTokenIs401() throws IOException {
        Response r = get("/ipc/django-service-status").send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).contains("\"success\":false").contains("Authorization: Bearer");
    }

    @Test
    void wrongTokenIs401AndIsNotEchoed() throws IOException {
        String wrong = token.substring(0, 42) + (token.endsWith("A") ? "B" : "A");
        Response r = get("/ipc/django-service-status").bearer(wrong).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).doesNotContain(wrong).doesNotContain(token);
        assertThat(get("/ipc/django-service-status").header("Cookie", "sideeye_session_" + port + "=" + wrong)
                .send().status()).isEqualTo(401);
    }

    @Test
    void bearerTokenIsAccepted() throws IOException {
        Response r = get("/ipc/django-service-status").bearer(token).send();
        assertThat(r.status()).isEqualTo(503); // served: no manager attached
        assertThat(r.text()).contains("Django service manager not initialized");
    }

    @Test
    void dashboardLinkSetsAStrictHttpOnlyCookieAndRedirectsWithoutTheToken() throws IOException {
        Response login = get("/?token=" + token).send();
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/");
        String cookie = login.header("Set-Cookie");
        assertThat(cookie).startsWith("sideeye_session_" + port + "=" + token + ";")
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        assertThat(login.header("Referrer-Policy")).isEqualTo("no-referrer");

        String pair = cookie.substring(0, cookie.indexOf(';'));
        Response page = get("/").header("Cookie", "other=1; " + pair).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).doesNotContain(token);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void dashboardLinkWithAWrongTokenSetsNoCookie() throws IOException {
        Response r = get("/?token=nope").send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.text()).contains("Sign-in needed");
    }

    @Test
    void dashboardWithoutSessionExplainsHowToSignIn() throws IOException {
        Response r = get("/").send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("?token=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:PORT", "127.0.0.1:1", "localhost", "localhost.evil.example:PORT"})
    void foreignHostIs403EvenWithTheToken(String host) throws IOException {
        Response r = get("/ipc/django-service-status").bearer(token).header("Host", host.replace("PORT", "" + port))
                .send();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("Host header");
    }

    @Test
    void foreignHostIs403ForPublicAssetsAndTheLoginLinkToo() throws IOException {
        assertThat(get("/sideeye-client.js").header("Host", "evil.example:" + port).send().status()).isEqualTo(403);
        Response login = get("/?token=" + token).header("Host", "evil.example:" + port).send();
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.header("Set-Cookie")).isNull();
    }

    @Test
    void missingHostIs403() throws IOException {
        assertThat(get("/ipc/django-service-status").bearer(token).header("Host", null).send().status())
                .isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:PORT", "localhost.:PORT", "[::1]:PORT", "LocalHost:PORT"})
    void loopbackHostNamesWithOurPortAreAccepted(String host) throws IOException {
        assertThat(get("/ipc/django-service-status").bearer(token).header("Host", host.replace("PORT", "" + port))
                .send().status()).isEqualTo(503);
    }

    @Test
    void crossSiteOriginIs403OnStateChangingRoutes() throws IOException {
        Response r = post("/ipc/django-service-start").bearer(token).header("Origin", "http://evil.example").send();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("cross-site");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(post("/ipc/django-service-stop").bearer(token).header("Sec-Fetch-Site", "cross-site").send()
                .status()).isEqualTo(403);
    }

    @Test
    void ownOriginMayChangeState() throws IOException {
        Response r = post("/ipc/django-service-start").bearer(token).header("Origin", "http://127.0.0.1:" + port)
                .header("Sec-Fetch-Site", "same-origin").send();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.text()).contains("not initialized");
    }

    @Test
    void noPermissiveCors() throws IOException {
        Response preflight = RawHttp.request(port, "OPTIONS", "/ipc/django-service-start")
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST").send();
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Response get = get("/ipc/django-service-status").bearer(token).header("Origin", "http://evil.example").send();
        assertThat(get.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void anExplicitlyTrustedOriginGetsExactCorsHeaders() throws IOException {
        Response preflight = RawHttp.request(port, "OPTIONS", "/ipc/django-service-start")
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
        Response r = post("/ipc/django-service-start").bearer(token).header("Origin", "http://localhost:5173").send();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
    }

    @Test
    void oversizeBodyIs413() throws IOException {
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        Response declared = post("/ipc/django-api-call").bearer(token).header("Content-Type", "application/json")
                .body(big).send();
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.text()).contains("exceeds the limit of 1048576 bytes");
        Response chunked = post("/ipc/django-api-call").bearer(token).header("Content-Type", "application/json")
                .body(big).chunked().send();
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void bodyAtTheLimitIsRead() throws IOException {
        String json = "{\"endpoint\":\"/notes/\",\"pad\":\"";
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        byte[] head = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, body, 0, head.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        Response r = post("/ipc/django-api-call").bearer(token).header("Content-Type", "application/json").body(body)
                .send();
        assertThat(r.status()).isEqualTo(503); // parsed, then: no manager attached
    }

    @Test
    void malformedJsonIs400WithThePosition() throws IOException {
        Response r = post("/ipc/django-api-call").bearer(token).json("{\"endpoint\": \"/notes/\",\n  \"method\": }")
                .send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("malformed JSON at line 2, column");
        Response trailing = post("/ipc/django-api-call").bearer(token).json("{\"endpoint\":\"/x/\"} []").send();
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(trailing.text()).contains("malformed JSON at line 1");
    }

    @Test
    void nonJsonBodyIs415() throws IOException {
        Response r = post("/ipc/django-api-call").bearer(token)
                .header("Content-Type", "application/x-www-form-urlencoded").body("endpoint=/notes/".getBytes()).send();
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text()).contains("Content-Type: application/json");
    }

    @Test
    void publicAssetsNeedNoTokenButCarrySafetyHeaders() throws IOException {
        Response r = get("/sideeye-client.js").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/javascript");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.text()).contains("createSideEyeClient");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() throws IOException {
        Response missing = get("/ipc/nope").bearer(token).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("/ipc/nope");
        Response wrongMethod = get("/ipc/django-service-start").bearer(token).send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
    }

    @Test
    void unknownRoutesStillNeedTheToken() throws IOException {
        assertThat(get("/ipc/nope").send().status()).isEqualTo(401);
    }
}
