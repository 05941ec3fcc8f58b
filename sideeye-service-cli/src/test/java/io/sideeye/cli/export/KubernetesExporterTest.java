package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every mapped field of the manifests, read back by a YAML parser. */
class KubernetesExporterTest {
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static ServiceBuilder web() {
        return DjangoServiceManager.builder().port(8000).healthCheckInterval(Duration.ofSeconds(15))
                .healthCheckTimeout(Duration.ofMillis(2500)).unhealthyThreshold(4)
                .startupTimeout(Duration.ofMillis(45_500)).shutdownTimeout(Duration.ofSeconds(12))
                .healthPath("/healthz/");
    }

    private static KubernetesService service(String name, int instances, ServiceConfig config, Map<String, String> env,
                                             List<String> after) {
        return new KubernetesService(name, instances, config, List.of("/app/.venv/bin/python", "-m", "waitress",
                "--listen=0.0.0.0:" + config.port(), "app.wsgi:application"), env, after,
                "registry.example.com/app:1.0", "/app");
    }

    /** The documents of one file, in order. */
    static List<JsonNode> documents(String text) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(text)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static List<JsonNode> export(KubernetesService s) throws IOException {
        Map<String, String> files = new KubernetesExporter().export(List.of(s));
        assertThat(files).containsOnlyKeys("sideeye-" + s.service() + ".yaml");
        return documents(files.get("sideeye-" + s.service() + ".yaml"));
    }

    @Test
    void anHttpServiceIsADeploymentAndAService() throws IOException {
        List<JsonNode> docs = export(service("web", 1, web().config(), Map.of(), List.of()));

        assertThat(docs).extracting(d -> d.path("kind").asText()).containsExactly("Deployment", "Service");
        assertThat(docs).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactly("sideeye-web", "sideeye-web");
    }

    @Test
    void theDeploymentRunsTheCommandWithTheShutdownPolicyAndReplicas() throws IOException {
        JsonNode deployment = export(service("web", 3, web().config(), Map.of(), List.of())).get(0);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);

        assertThat(deployment.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(3);
        String selected = deployment.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name")
                .asText();
        assertThat(selected).isEqualTo("sideeye-web");
        assertThat(deployment.path("spec").path("template").path("metadata").path("labels")
                .path("app.kubernetes.io/name").asText()).isEqualTo(selected);
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(12);
        assertThat(pod.path("shareProcessNamespace").asBoolean()).isTrue();
        assertThat(pod.path("containers")).hasSize(1);
        assertThat(container.path("name").asText()).isEqualTo("web");
        assertThat(container.path("image").asText()).isEqualTo("registry.example.com/app:1.0");
        assertThat(container.path("workingDir").asText()).isEqualTo("/app");
        assertThat(JSON.convertValue(container.path("command"), List.class)).containsExactly("/app/.venv/bin/python",
                "-m", "waitress", "--listen=0.0.0.0:8000", "app.wsgi:application");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8000);
        assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
    }

    @Test
    void probesCarryTheHealthPolicy() throws IOException {
        JsonNode container = export(service("web", 1, web().config(), Map.of(), List.of())).get(0)
                .path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode startup = container.path("startupProbe");
        JsonNode liveness = container.path("livenessProbe");
        JsonNode readiness = container.path("readinessProbe");

        for (JsonNode probe : List.of(startup, liveness, readiness)) {
            assertThat(probe.path("httpGet").path("path").asText()).isEqualTo("/healthz/");
            assertThat(probe.path("httpGet").path("port").asText()).isEqualTo("http");
            assertThat(probe.path("httpGet").path("httpHeaders").get(0).path("name").asText()).isEqualTo("Host");
            assertThat(probe.path("httpGet").path("httpHeaders").get(0).path("value").asText()).isEqualTo("localhost");
            assertThat(probe.path("timeoutSeconds").asInt()).isEqualTo(3); // 2.5 s rounded up
        }
        assertThat(startup.path("periodSeconds").asInt()).isEqualTo(1);
        assertThat(startup.path("failureThreshold").asInt() * startup.path("periodSeconds").asInt())
                .isGreaterThanOrEqualTo(46); // startupTimeout 45.5 s
        assertThat(liveness.path("periodSeconds").asInt()).isEqualTo(15);
        assertThat(liveness.path("failureThreshold").asInt()).isEqualTo(4);
        assertThat(readiness.path("periodSeconds").asInt()).isEqualTo(15);
        assertThat(readiness.path("failureThreshold").asInt()).isEqualTo(1);
        assertThat(readiness.path("successThreshold").asInt()).isEqualTo(1);
    }

    @Test
    void theServiceRoutesItsPortToTheContainers() throws IOException {
        JsonNode service = export(service("web", 1, web().port(8123).config(), Map.of(), List.of())).get(1);

        assertThat(service.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(service.path("spec").path("selector").path("app.kubernetes.io/name").asText())
                .isEqualTo("sideeye-web");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8123);
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
    }

    @Test
    void environmentValuesSurviveAsStringsAndSecretsComeFromASecret() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("FLAG", "yes");
        env.put("NOTHING", "null");
        env.put("TILDE", "~");
        env.put("COLON", "key: value # not a comment");
        env.put("LINES", "one\ntwo");
        env.put("OCTAL", "0755");
        env.put("SIDEEYE_SECRET_KEY", "top-secret-value");
        Map<String, String> files = new KubernetesExporter().export(List.of(service("web", 1, web().config(), env,
                List.of())));
        JsonNode vars = documents(files.get("sideeye-web.yaml")).get(0).path("spec").path("template").path("spec")
                .path("containers").get(0).path("env");

        Map<String, String> values = new LinkedHashMap<>();
        vars.forEach(v -> {
            if (v.has("value")) {
                assertThat(v.path("value").isTextual()).as(v.toString()).isTrue();
                values.put(v.path("name").asText(), v.path("value").asText());
            }
        });
        Map<String, String> plain = new LinkedHashMap<>(env);
        plain.remove("SIDEEYE_SECRET_KEY");
        assertThat(values).containsExactlyEntriesOf(plain);
        assertThat(vars.get(7).path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("sideeye-web-secrets");
        assertThat(vars.get(7).path("valueFrom").path("secretKeyRef").path("key").asText())
                .isEqualTo("SIDEEYE_SECRET_KEY");
        assertThat(vars.get(8).path("name").asText()).isEqualTo("SIDEEYE_API_TOKEN");
        assertThat(vars.get(8).path("valueFrom").path("secretKeyRef").has("optional"))
                .as("the token is mandatory: a pod without it does not start").isFalse();
        assertThat(files.get("sideeye-web.yaml")).doesNotContain("top-secret-value");
    }

    @Test
    void credentialsFoundByValueComeFromTheSecretToo() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", "postgres://app:db-pass-value@db:5432/app");
        env.put("REDIS_URL", "redis://:redis-pass-value@cache:6379/0");
        env.put("DB_PASS", "db-pass-2");
        env.put("SENTRY_DSN", "https://sentry-dsn-value@o1.ingest.sentry.io/2");
        env.put("CACHE_URL", "redis://cache:6379/1");
        String text = new KubernetesExporter().export(List.of(service("web", 1, web().config(), env, List.of())))
                .get("sideeye-web.yaml");
        JsonNode vars = documents(text).get(0).path("spec").path("template").path("spec").path("containers").get(0)
                .path("env");

        for (String name : List.of("DATABASE_URL", "REDIS_URL", "DB_PASS", "SENTRY_DSN")) {
            JsonNode var = null;
            for (JsonNode v : vars) {
                var = v.path("name").asText().equals(name) ? v : var;
            }
            assertThat(var.path("valueFrom").path("secretKeyRef").path("key").asText()).as(name).isEqualTo(name);
        }
        assertThat(text).doesNotContain("db-pass-value", "redis-pass-value", "db-pass-2", "sentry-dsn-value")
                .contains("redis://cache:6379/1");
    }

    @Test
    void aProcessCheckedServiceHasNoProbesAndNoService() throws IOException {
        List<JsonNode> docs = export(service("worker", 2, web().port(8000).healthMode(HealthMode.PROCESS).config(),
                Map.of(), List.of("web")));
        JsonNode container = docs.get(0).path("spec").path("template").path("spec").path("containers").get(0);

        assertThat(docs).hasSize(1);
        assertThat(container.has("startupProbe") || container.has("livenessProbe") || container.has("readinessProbe")
                || container.has("ports")).isFalse();
        assertThat(docs.get(0).path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void theOrderOfStartsIsWrittenAsACommentSinceKubernetesHasNone() {
        String text = new KubernetesExporter().export(List.of(service("worker", 1, web().config(), Map.of(),
                List.of("web", "db")))).get("sideeye-worker.yaml");

        assertThat(text).startsWith("# sideeye-worker.yaml: SideEye service worker, exported by 'sideeye export"
                + " kubernetes'.\n# It runs after web, db:");
    }

    @Test
    void secondsAreRoundedUp() {
        assertThat(KubernetesExporter.ceilSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(KubernetesExporter.ceilSeconds(Duration.ofSeconds(10))).isEqualTo(10);
        assertThat(KubernetesExporter.ceilSeconds(Duration.ZERO)).isZero();
    }
}
