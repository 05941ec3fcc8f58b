package io.sideeye.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import io.sideeye.testsupport.Liveness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a test class uses it: one backend for the class, its objects injected. */
class SideEyeExtensionIT {

    @RegisterExtension
    static final SideEyeExtension BACKEND = SideEyeExtension.of(TestBackend.builder());

    private static long pidBeforeAll;

    private final BackendClient constructorClient;

    SideEyeExtensionIT(BackendClient client) {
        this.constructorClient = client;
    }

    @BeforeAll
    static void runsBeforeTheClassesOwnSetUp(DjangoServiceManager manager) {
        assertThat(manager.getStatus().state()).isEqualTo(ServiceState.RUNNING);
        pidBeforeAll = manager.getStatus().pid();
    }

    @Test
    void injectsIntoConstructorsToo() {
        assertThat(constructorClient).isSameAs(BACKEND.client());
    }

    @Test
    void injectsTheRunningManagerOfTheClass(DjangoServiceManager manager) {
        assertThat(manager).isSameAs(BACKEND.manager());
        assertThat(manager.getStatus().pid()).isEqualTo(pidBeforeAll);
        assertThat(Liveness.running(pidBeforeAll)).isTrue();
    }

    @Test
    void injectsTheBaseUrlAsUriOrText(@BackendUrl URI url, @BackendUrl String text, DjangoServiceManager manager)
            throws Exception {
        assertThat(url).isEqualTo(BACKEND.url());
        assertThat(text).isEqualTo(url.toString()).isEqualTo(manager.getStatus().url());
        assertThat(url.getPort()).isEqualTo(manager.getStatus().port());
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url.resolve("/api/health/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"healthy\"");
    }

    @Test
    void injectsAClientThatCallsTheApiWithTheToken(BackendClient client) {
        String title = "note " + UUID.randomUUID();
        ApiResponse created = client.post("/notes/", Map.of("title", title));
        assertThat(created.status()).as(created.error()).isEqualTo(201);

        ApiResponse notes = client.get("/notes/");
        assertThat(notes.success()).isTrue();
        assertThat(notes.data().toString()).contains(title);
        JsonNode id = created.data().get("id");
        assertThat(client.delete("/notes/" + id.asText() + "/").success()).isTrue();
        assertThat(client.get("/notes/" + id.asText() + "/").status()).isEqualTo(404);
    }

    @Test
    void aCallWithoutTheTokenIsRefused(@BackendUrl URI url) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url.resolve("/api/notes/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheBackendOfTheEnclosingClass(DjangoServiceManager manager) {
            assertThat(manager.getStatus().pid()).isEqualTo(pidBeforeAll);
        }
    }
}
