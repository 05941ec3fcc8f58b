package io.sideeye.spring.boot;

import io.sideeye.service.ServiceBuilder;

/**
 * Adjusts the auto-configured backend's {@link ServiceBuilder} after the {@code sideeye.*}
 * properties were applied: declare beans of this type for what properties cannot say (a
 * computed environment, a command built in code). Customizers run in {@code @Order} order.
 *
 * <pre>{@code
 * @Bean
 * ServiceBuilderCustomizer dataDir(@Value("${app.data}") Path data) {
 *     return builder -> builder.environment(Map.of("SIDEEYE_DATA_DIR", data.toString()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ServiceBuilderCustomizer {

    /** Changes {@code builder} in place. */
    void customize(ServiceBuilder builder);
}
