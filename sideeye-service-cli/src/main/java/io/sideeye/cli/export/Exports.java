package io.sideeye.cli.export;

import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports services to an engine that runs them instead of the manager: systemd units or
 * Kubernetes manifests carrying the same command and policy. What each service runs is
 * resolved on this machine as the manager would resolve it (so Python discovery may run).
 */
public final class Exports {
    /** The port given to the first service with port 0 when none is chosen. */
    public static final int DEFAULT_BASE_PORT = 8000;

    private Exports() {
    }

    /**
     * systemd units for {@code service} (or every service the manager runs, when null).
     *
     * @param group    the configuration's services, in declaration order
     * @param service  the service to export, or null for all
     * @param basePort the first port given to services with port 0
     * @param sideeye  the absolute path of the sideeye command the health units run, or null for
     *                 this Java running this jar
     * @throws ExportException when the services cannot be exported as asked (the message says why and what to do)
     */
    public static ExportResult systemd(List<ServiceSpec> group, String service, int basePort, String sideeye) {
        requirePort(basePort);
        ServiceSelection selection = ServiceSelection.of(group, service);
        List<String> notes = new ArrayList<>(selection.notes());
        List<SystemdInstance> instances = SystemdPlanner.plan(selection, basePort, notes);
        boolean checked = instances.stream().anyMatch(i -> i.config().healthMode() == HealthMode.HTTP);
        List<String> command = checked ? SideeyeCommand.of(sideeye) : List.of();
        return new ExportResult(new SystemdExporter(command).export(instances), notes);
    }

    /**
     * One unit that runs {@code sideeye run} with {@code config} ({@link SystemdRunExporter}).
     *
     * @param group    the configuration's services
     * @param config   the configuration file (absolute)
     * @param profile  the profile to apply, or null
     * @param watchdog the unit's {@code WatchdogSec}; zero for none
     * @param sideeye  the absolute path of the sideeye command, or null for this Java running this jar
     * @throws ExportException when the unit cannot be written as asked
     */
    public static ExportResult systemdRun(List<ServiceSpec> group, Path config, String profile, Duration watchdog,
                                          String sideeye) {
        return new ExportResult(SystemdRunExporter.export(SideeyeCommand.of(sideeye), config, profile, group, watchdog),
                List.of());
    }

    /**
     * A Deployment (and Service) for {@code service} (or every service the manager runs, when null).
     *
     * @param group       the configuration's services, in declaration order
     * @param service     the service to export, or null for all
     * @param image       the container image that holds the project and its Python
     * @param workingDir  the project folder inside the image
     * @param imagePython the interpreter inside the image, or null for {@code python3} on the image's PATH
     * @param basePort    the port containers of services with port 0 listen on
     * @throws ExportException when the services cannot be exported as asked
     */
    public static ExportResult kubernetes(List<ServiceSpec> group, String service, String image, String workingDir,
                                          String imagePython, int basePort) {
        requirePort(basePort);
        if (image == null || image.isBlank() || image.chars().anyMatch(c -> c <= ' ')) {
            throw new ExportException("--image: '" + (image == null ? "" : image) + "' is not a container image name;"
                    + " give the image that holds the project and its Python, e.g. --image"
                    + " registry.example.com/sideeye-backend:1.0");
        }
        requireWorkingDir(workingDir);
        ServiceSelection selection = ServiceSelection.of(group, service);
        List<String> notes = new ArrayList<>(selection.notes());
        List<KubernetesService> services = KubernetesPlanner.plan(selection, image, workingDir, imagePython, basePort,
                notes);
        return new ExportResult(new KubernetesExporter().export(services), notes);
    }

    /**
     * The {@code Dockerfile} of the image {@link #kubernetes} names, for {@code service} (or the
     * first service the manager runs, when null): the same project folder, command and port.
     *
     * @param group      the configuration's services, in declaration order
     * @param service    the service whose command and health check the image carries, or null
     * @param workingDir the project folder inside the image (as {@code export kubernetes --workdir})
     * @param baseImage  the Python base image
     * @param basePort   the port containers of services with port 0 listen on
     * @throws ExportException when the services cannot be exported as asked
     */
    public static ExportResult dockerfile(List<ServiceSpec> group, String service, String workingDir, String baseImage,
                                          int basePort) {
        requirePort(basePort);
        requireWorkingDir(workingDir);
        if (baseImage == null || baseImage.isBlank() || baseImage.chars().anyMatch(c -> c <= ' ')) {
            throw new ExportException("--base-image: '" + (baseImage == null ? "" : baseImage) + "' is not an image"
                    + " name; give a Python image, e.g. --base-image " + DockerfileExporter.DEFAULT_BASE_IMAGE);
        }
        ServiceSelection selection = ServiceSelection.of(group, service);
        List<String> notes = new ArrayList<>(selection.notes());
        List<KubernetesService> planned = KubernetesPlanner.plan(selection, "IMAGE", workingDir, null, basePort, notes);
        KubernetesService first = planned.get(0);
        Path project = first.config().projectDir().toAbsolutePath().normalize();
        for (KubernetesService other : planned.subList(1, planned.size())) {
            Path its = other.config().projectDir().toAbsolutePath().normalize();
            if (!its.equals(project)) {
                throw new ExportException("services " + first.service() + " and " + other.service() + " have different"
                        + " projects (" + project + ", " + its + "), and an image holds one; export one service at a"
                        + " time, e.g. sideeye export dockerfile " + first.service());
            }
        }
        if (planned.size() > 1) {
            notes.add("the image runs service " + first.service() + " unless told otherwise; the Deployments of "
                    + String.join(", ", planned.subList(1, planned.size()).stream().map(KubernetesService::service)
                    .toList()) + " set their own command");
        }
        return new ExportResult(DockerfileExporter.export(first, baseImage, notes), notes);
    }

    private static void requireWorkingDir(String workingDir) {
        if (workingDir == null || !workingDir.startsWith("/") || workingDir.length() > 1 && workingDir.endsWith("/")) {
            throw new ExportException("--workdir: '" + workingDir + "' is not an absolute folder; give where the"
                    + " project (the folder with manage.py) is inside the image, e.g. /app");
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new ExportException("--base-port: " + port + " is out of range; use 1 to 65535, e.g. 8000");
        }
    }
}
