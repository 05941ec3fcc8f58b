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
        assertThat(server.dashboardUrl().toString()).matches("http://127\\.0\\.0\\.1:" + port + "/#code=[A-Za-z0-9_-]{43}")
                .doesNotContain(token).isNotEqualTo(server.dashboardUrl().toString());
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
        assertThat(get("/ipc/django-service-status").bearer("s1.99999999999.x.y").send().status()).isEqualTo(401);
    }

    @Test
    void bearerTokenIsAccepted() throws IOException {
        Response r = get("/ipc/django-service-status").bearer(token).send();
        assertThat(r.status()).isEqualTo(503); // served: no manager attached
        assertThat(r.text()).contains("Django service manager not initialized");
    }

    private String codeOf(java.net.URI link) {
        return link.getFragment().substring("code=".length());
    }

    private Response exchange(String code) throws IOException {
        return post("/ipc/session").json("{\"code\":\"" + code + "\"}").send();
    }

    @Test
    void aDashboardLinksCodeBuysOneSessionOnceAndTheSessionSignsRequestsIn() throws IOException {
        String code = codeOf(server.dashboardUrl());
        Response first = exchange(code);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Set-Cookie")).isNull();
        String session = first.text().replaceAll(".*\"session\":\"([^\"]+)\".*", "$1");
        assertThat(session).startsWith("s1.").doesNotContain(token);

        assertThat(get("/ipc/django-service-status").bearer(session).send().status()).isEqualTo(503); // served
        Response again = exchange(code);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.text()).contains("new dashboard link");
        assertThat(exchange("made-up").status()).isEqualTo(401);
        String forged = session.substring(0, session.length() - 2) + (session.endsWith("AA") ? "BB" : "AA");
        assertThat(get("/ipc/django-service-status").bearer(forged).send().status()).isEqualTo(401);
    }

    @Test
    void theTokenAsksForNewLinksAndABrowserSessionCannot() throws IOException {
        Response minted = post("/ipc/dashboard-link").bearer(token).json("{}").send();
        assertThat(minted.status()).isEqualTo(200);
        String url = minted.text().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
        assertThat(url).startsWith("http://127.0.0.1:" + port + "/#code=").doesNotContain(token);
        Response signedIn = exchange(codeOf(java.net.URI.create(url)));
        assertThat(signedIn.status()).isEqualTo(200);
        String session = signedIn.text().replaceAll(".*\"session\":\"([^\"]+)\".*", "$1");

        assertThat(post("/ipc/dashboard-link").bearer(session).json("{}").send().status()).isEqualTo(403);
        assertThat(post("/ipc/dashboard-link").json("{}").send().status()).isEqualTo(401);
    }

    @Test
    void aSessionOfAnotherControlServerIsRefused() throws IOException {
        try (ControlServer other = ControlServer.builder().start()) {
            Response reply = RawHttp.request(other.port(), "POST", "/ipc/session")
                    .json("{\"code\":\"" + codeOf(other.dashboardUrl()) + "\"}").send();
            String foreign = reply.text().replaceAll(".*\"session\":\"([^\"]+)\".*", "$1");
            assertThat(RawHttp.request(other.port(), "GET", "/ipc/django-service-status").bearer(foreign).send()
                    .status()).isEqualTo(503);
            assertThat(get("/ipc/django-service-status").bearer(foreign).send().status()).isEqualTo(401);
        }
    }

    @Test
    void cookiesAreNeverReadNorSet() throws IOException {
        for (String cookie : new String[] {"sideeye_session_" + port + "=" + token,
                "sideeye_session_" + port + "=x; sideeye_session_" + port + "=" + token}) {
            assertThat(get("/ipc/django-service-status").header("Cookie", cookie).send().status()).isEqualTo(401);
        }
        for (Response r : new Response[] {get("/").send(), get("/?token=" + token).send(),
                get("/ipc/django-service-status").bearer(token).send()}) {
            assertThat(r.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void thePageIsPublicHoldsNoSecretAndTheOldTokenLinkSignsNothingIn() throws IOException {
        Response page = get("/?token=" + token).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).doesNotContain(token);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
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
    void foreignHostIs403ForPublicAssetsAndTheSessionExchangeToo() throws IOException {
        assertThat(get("/sideeye-client.js").header("Host", "evil.example:" + port).send().status()).isEqualTo(403);
        String code = codeOf(server.dashboardUrl());
        Response rebound = post("/ipc/session").header("Host", "evil.example:" + port)
                .json("{\"code\":\"" + code + "\"}").send();
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(exchange(code).status()).as("the refused request did not use the code up").isEqualTo(200);
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
