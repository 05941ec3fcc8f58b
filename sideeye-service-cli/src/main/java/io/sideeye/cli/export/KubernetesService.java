package io.sideeye.cli.export;

import io.sideeye.service.ServiceConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Deployment (and Service) to write.
 *
 * @param service     the service's name
 * @param instances   the Deployment's replicas
 * @param config      the service's configuration, with the port the container listens on
 * @param command     the container's command: the resolved argv with the project's paths as seen in the image
 * @param environment the container's variables, in order
 * @param after       the services it runs after (Kubernetes does not order starts; written as a comment)
 * @param image       the container image
 * @param workingDir  the project folder inside the image
 */
record KubernetesService(String service, int instances, ServiceConfig config, List<String> command,
                         Map<String, String> environment, List<String> after, String image, String workingDir) {
    KubernetesService {
        command = List.copyOf(command);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        after = List.copyOf(after);
    }
}
