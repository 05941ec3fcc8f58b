package io.sideeye.config;

import java.util.List;
import java.util.Map;

/**
 * One layer of configuration (the file, the chosen profile, the environment, the command line),
 * its keys already checked against {@link KeyRules}. Within a layer, a service's own value beats
 * the value for every service.
 *
 * @param common   values for every service, in the order written
 * @param services values for one service, by service name
 */
record Layer(List<Written> common, Map<String, List<Written>> services) {

    /** The values of this layer that apply to {@code service}, lowest precedence first. */
    List<Written> valuesFor(String service) {
        List<Written> own = services.getOrDefault(service, List.of());
        if (own.isEmpty()) {
            return common;
        }
        List<Written> all = new java.util.ArrayList<>(common);
        all.addAll(own);
        return all;
    }
}
