package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exported manifests read as the Kubernetes API reads them: the fabric8 model of the
 * Kubernetes schema, strictly (a field the schema does not have fails, as {@code kubectl apply
 * --validate=strict} does; a value of the wrong type fails), then the fields the API server
 * requires, and the references inside a Deployment (selector, named ports). The manifests are
 * the golden files that {@code ExportIT} checks the real export against.
 */
class KubernetesSchemaTest {
    private static final Path GOLDEN = Path.of("src/test/resources/export");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            List<Path> found = files.filter(f -> f.getParent().getFileName().toString().equals("kubernetes"))
                    .sorted().toList();
            assertThat(found).hasSizeGreaterThanOrEqualTo(3);
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyDocumentIsAValidKubernetesObject(Path manifest) throws Exception {
        List<JsonNode> docs = KubernetesExporterTest.documents(Files.readString(manifest));
        assertThat(docs).isNotEmpty();
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            Class<? extends HasMetadata> type = switch (kind) {
                case "Deployment" -> Deployment.class;
                case "Service" -> Service.class;
                default -> throw new AssertionError(manifest + ": unexpected kind '" + kind + "'");
            };
            HasMetadata object = STRICT.treeToValue(doc, type);
            assertThat(unknownFields(object, "")).as("%s: fields the Kubernetes schema does not have", manifest)
                    .isEmpty();
            assertThat(object.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThan(64);
            if (object instanceof Deployment d) {
                checkDeployment(d);
            } else {
                Service s = (Service) object;
                assertThat(s.getSpec().getSelector()).isNotEmpty();
                assertThat(s.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getPort()).isBetween(1, 65535));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aFieldTheSchemaDoesNotHaveOrAValueOfTheWrongTypeIsCaught() throws Exception {
        String good = Files.readString(GOLDEN.resolve("backend/kubernetes/sideeye-web.yaml"));
        JsonNode deployment = KubernetesExporterTest.documents(good).get(0);
        JsonNode misspelt = KubernetesExporterTest.documents(good.replace("terminationGracePeriodSeconds:",
                "terminationGracePeriod:")).get(0);
        assertThat(unknownFields(STRICT.treeToValue(deployment, Deployment.class), "")).isEmpty();
        assertThat(unknownFields(STRICT.treeToValue(misspelt, Deployment.class), ""))
                .containsExactly(".Spec.Template.Spec.terminationGracePeriod");
        JsonNode wrongType = KubernetesExporterTest.documents(good.replace("replicas: 1", "replicas: one")).get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRICT.treeToValue(wrongType, Deployment.class))
                .hasMessageContaining("replicas");
    }

    private static void checkDeployment(Deployment d) {
        assertThat(d.getApiVersion()).isEqualTo("apps/v1");
        var spec = d.getSpec();
        assertThat(spec.getSelector()).as("spec.selector is required").isNotNull();
        assertThat(spec.getTemplate().getMetadata().getLabels()).as("the template matches its selector")
                .containsAllEntriesOf(spec.getSelector().getMatchLabels());
        var pod = spec.getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo((long) DockerfileExporter.UID);
        assertThat(pod.getContainers()).as("spec.template.spec.containers is required").isNotEmpty();
        for (Container c : pod.getContainers()) {
            assertThat(c.getName()).isNotBlank();
            assertThat(c.getImage()).isNotBlank();
            List<String> portNames = c.getPorts().stream().map(ContainerPort::getName).toList();
            for (Probe probe : Stream.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())
                    .filter(p -> p != null).toList()) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).as("a probe names a port of its container")
                        .isIn(portNames);
                assertThat(probe.getPeriodSeconds()).isPositive();
                assertThat(probe.getTimeoutSeconds()).isPositive();
                assertThat(probe.getFailureThreshold()).isPositive();
            }
        }
    }

    /** Every {@code additionalProperties} entry in the object graph: what the schema has no field for. */
    private static List<String> unknownFields(Object root, String path) throws Exception {
        List<String> unknown = new ArrayList<>();
        walk(root, path, unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object o, String path, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), unknown, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object value = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else if (!Set.of("getAdditionalProperties").contains(m.getName())) {
                walk(value, path + "." + m.getName().substring(3), unknown, seen);
            }
        }
    }
}
