package io.sideeye.desktop.config;

import io.sideeye.service.ServiceConfig;

/**
 * Where the desktop shell gets the configuration of the backend it runs: the one seam between
 * "how the user configured things" and the manager. The shell never builds a configuration by
 * itself; it asks its source once, at launch.
 */
@FunctionalInterface
public interface ConfigSource {

    /**
     * The validated configuration.
     *
     * @throws io.sideeye.service.ServiceConfigException when a value is invalid (its message names
     *                                                   the field, the value and what is allowed)
     */
    ServiceConfig load();
}
