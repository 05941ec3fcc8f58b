package io.sideeye.cli.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sideeye.config.Secrets;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@code sideeye-<service>.yaml} per service: a Deployment and, for an HTTP-checked
 * service, a Service. The probes carry the manager's health policy:
 * <ul>
 * <li>{@code startupProbe} every second for as long as {@code startupTimeout} allows
 * ({@code failureThreshold × periodSeconds ≥ startupTimeout});</li>
 * <li>{@code livenessProbe} every {@code healthCheckInterval}, {@code timeoutSeconds} from
 * {@code healthCheckTimeout}, restart after {@code unhealthyThreshold} failures;</li>
 * <li>{@code readinessProbe} at the same pace, out of the Service after one failed check, as
 * the group's round-robin skips an instance whose last check failed.</li>
 * </ul>
 * Probes send {@code Host: localhost}, since Django answers only the host names it allows and
 * the bundled backend allows loopback names only. {@code terminationGracePeriodSeconds} is
 * {@code shutdownTimeout}; the pod shares one process namespace so that the backend is not
 * PID 1 (which ignores SIGTERM unless it installs a handler), and runs as the image's user
 * ({@link DockerfileExporter#UID}), never root. Secret-looking variables (by name
 * or by value, {@link Secrets}) come from the Secret {@code sideeye-<service>-secrets}, as does
 * {@code SIDEEYE_API_TOKEN}, which is required: without it the pod does not start, rather than
 * serve its API (bound to the pod's address) without a token. A {@code health: process} service gets no probes and no Service: Kubernetes restarts
 * the container when its process exits, which is what alive-is-healthy means.
 */
final class KubernetesExporter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // env values are strings: "1", not 1
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    /** The files to write, by file name, in declaration order. */
    Map<String, String> export(List<KubernetesService> services) {
        Map<String, String> files = new LinkedHashMap<>();
        for (KubernetesService s : services) {
            StringBuilder text = new StringBuilder();
            text.append("# sideeye-").append(s.service()).append(".yaml: SideEye service ").append(s.service())
                    .append(", exported by 'sideeye export kubernetes'.\n");
            if (!s.after().isEmpty()) {
                text.append("# It runs after ").append(String.join(", ", s.after()))
                        .append(": Kubernetes starts pods in no order; readiness keeps traffic away until healthy.\n");
            }
            if (!httpChecked(s)) {
                text.append("# health: process (alive is healthy): no probes and no Service; Kubernetes restarts the"
                        + " container when its process exits.\n");
            }
            text.append(document(deployment(s)));
            if (httpChecked(s)) {
                text.append(document(service(s)));
            }
            files.put("sideeye-" + s.service() + ".yaml", text.toString());
        }
        return files;
    }

    private static Map<String, Object> deployment(KubernetesService s) {
        ServiceConfig c = s.config();
        Map<String, Object> container = map("name", s.service(), "image", s.image(), "workingDir", s.workingDir(),
                "command", s.command(), "env", environment(s));
        if (httpChecked(s)) {
            container.put("ports", List.of(map("name", "http", "containerPort", c.port())));
            container.put("startupProbe", probe(c, Duration.ofSeconds(1),
                    (int) ceilSeconds(c.startupTimeout()), null));
            container.put("livenessProbe", probe(c, c.healthCheckInterval(), c.unhealthyThreshold(), null));
            container.put("readinessProbe", probe(c, c.healthCheckInterval(), 1, 1));
        }
        Map<String, Object> podSpec = map("shareProcessNamespace", true,
                "terminationGracePeriodSeconds", ceilSeconds(c.shutdownTimeout()),
                "securityContext", map("runAsNonRoot", true, "runAsUser", DockerfileExporter.UID,
                        "runAsGroup", DockerfileExporter.UID),
                "containers", List.of(container));
        return map("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", map("name", "sideeye-" + s.service(), "labels", labels(s)),
                "spec", map("replicas", s.instances(),
                        "selector", map("matchLabels", map("app.kubernetes.io/name", "sideeye-" + s.service())),
                        "template", map("metadata", map("labels", labels(s)), "spec", podSpec)));
    }

    private static Map<String, Object> service(KubernetesService s) {
        return map("apiVersion", "v1", "kind", "Service",
                "metadata", map("name", "sideeye-" + s.service(), "labels", labels(s)),
                "spec", map("selector", map("app.kubernetes.io/name", "sideeye-" + s.service()),
                        "ports", List.of(map("name", "http", "port", s.config().port(), "targetPort", "http"))));
    }

    private static Map<String, Object> probe(ServiceConfig c, Duration period, int failureThreshold,
                                             Integer successThreshold) {
        Map<String, Object> probe = map("httpGet", map("path", c.healthPath(), "port", "http",
                        "httpHeaders", List.of(map("name", "Host", "value", "localhost"))),
                "periodSeconds", ceilSeconds(period), "timeoutSeconds", ceilSeconds(c.healthCheckTimeout()),
                "failureThreshold", failureThreshold);
        if (successThreshold != null) {
            probe.put("successThreshold", successThreshold);
        }
        return probe;
    }

    private static List<Map<String, Object>> environment(KubernetesService s) {
        String secretName = "sideeye-" + s.service() + "-secrets";
        List<Map<String, Object>> env = new ArrayList<>();
        s.environment().forEach((name, value) -> env.add(Secrets.looksSecret(name, value)
                ? map("name", name, "valueFrom", map("secretKeyRef", map("name", secretName, "key", name)))
                : map("name", name, "value", value)));
        if (!s.environment().containsKey("SIDEEYE_API_TOKEN")) {
            env.add(map("name", "SIDEEYE_API_TOKEN", "valueFrom", map("secretKeyRef",
                    map("name", secretName, "key", "SIDEEYE_API_TOKEN"))));
        }
        return env;
    }

    private static Map<String, Object> labels(KubernetesService s) {
        return map("app.kubernetes.io/name", "sideeye-" + s.service(), "app.kubernetes.io/part-of", "sideeye");
    }

    /** Kubernetes counts whole seconds: a part of a second is rounded up, never to 0 unless it is 0. */
    static long ceilSeconds(Duration d) {
        long ms = d.toMillis();
        return ms / 1000 + (ms % 1000 == 0 ? 0 : 1);
    }

    private static boolean httpChecked(KubernetesService s) {
        return s.config().healthMode() == HealthMode.HTTP;
    }

    private static String document(Map<String, Object> root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings, numbers and lists always serialises", e);
        }
    }

    /** An ordered map of alternating keys and values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
