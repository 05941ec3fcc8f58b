package io.sideeye.cli.export;

import io.sideeye.service.LaunchPlan;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the chosen services into the {@link KubernetesService}s to write. What a container runs
 * is resolved on this machine as the manager would ({@link LaunchPlan#resolve}), binding
 * {@code 0.0.0.0} (the kubelet probes the pod's address, not loopback), then moved into the
 * image: the project folder becomes {@code workingDir}, and the interpreter becomes
 * {@code imagePython} ({@code python3} on the image's PATH unless told otherwise: a virtual
 * environment made on this machine does not move into an image). Each pod has its own network,
 * so a service with port 0 listens on {@code basePort}, every copy alike.
 */
final class KubernetesPlanner {
    /** Kubernetes names are DNS labels: {@code sideeye-<service>} must fit in 63 characters. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([a-z0-9-]{0,53}[a-z0-9])?");

    /** The interpreter a container runs unless told otherwise: found on the image's PATH. */
    static final String DEFAULT_PYTHON = "python3";

    /** The address a container binds. */
    static final String ALL_INTERFACES = "0.0.0.0";

    private KubernetesPlanner() {
    }

    /**
     * @param selection   the services to write
     * @param image       the container image
     * @param workingDir  the project folder inside the image (absolute)
     * @param imagePython the interpreter inside the image, or null for {@code python3}
     * @param basePort    the port of services with port 0
     * @param notes       receives what the user should know (ports chosen, paths the image must provide)
     * @throws ExportException when a service's name cannot name Kubernetes objects, or its command cannot be resolved
     */
    static List<KubernetesService> plan(ServiceSelection selection, String image, String workingDir,
                                        String imagePython, int basePort, List<String> notes) {
        List<KubernetesService> services = new ArrayList<>();
        for (String name : selection.selected()) {
            ServiceSpec spec = selection.managed(name);
            if (!DNS_LABEL.matcher(name).matches()) {
                throw new ExportException("service " + name + " cannot be named sideeye-" + name + " in Kubernetes,"
                        + " whose names allow only lower-case letters, digits and '-' (ending in a letter or digit),"
                        + " at most 55 characters after 'sideeye-'; rename the service, e.g. "
                        + name.replace('_', '-').replaceAll("-+$", ""));
            }
            int port = spec.config().port() == 0 ? basePort : spec.config().port();
            if (spec.config().port() == 0) {
                notes.add("service " + name + " has port auto (0); its containers listen on " + port
                        + " (give it a fixed port, or choose another with --base-port)");
            }
            ServiceConfig config = spec.config().toBuilder().host(ALL_INTERFACES).allowRemoteHost(true).port(port)
                    .config();
            LaunchPlan plan = ServiceSelection.resolve(name, config);
            ImagePaths paths = new ImagePaths(plan, workingDir, imagePython);
            List<String> command = plan.argv().stream().map(paths::inImage).toList();
            Map<String, String> env = new LinkedHashMap<>();
            plan.environment().forEach((key, value) -> env.put(key, paths.inImage(value)));
            List<String> after = spec.after().stream().filter(a -> selection.managed(a) != null).toList();
            services.add(new KubernetesService(name, spec.instances(), config, command, env, after, image,
                    workingDir));
            TreeSet<String> foreign = new TreeSet<>(command.stream().filter(a -> a.startsWith("/")
                    && !a.startsWith(workingDir + "/") && !a.equals(workingDir)).toList());
            if (!foreign.isEmpty()) {
                notes.add("service " + name + " runs " + String.join(", ", foreign) + ", which the image must"
                        + " provide at that path");
            }
        }
        return services;
    }

    /** Maps this machine's paths to the image's. */
    private static final class ImagePaths {
        private final String project;
        private final String workingDir;
        private final String interpreter;
        private final String imagePython;

        ImagePaths(LaunchPlan plan, String workingDir, String imagePython) {
            this.project = plan.workingDirectory().toString();
            this.workingDir = workingDir;
            this.interpreter = plan.interpreter();
            this.imagePython = imagePython != null ? imagePython : DEFAULT_PYTHON;
        }

        String inImage(String value) {
            if (value.equals(interpreter)) {
                return imagePython;
            }
            if (value.equals(project)) {
                return workingDir;
            }
            return value.replace(project + "/", workingDir + "/");
        }
    }
}
