package io.sideeye.spring.boot;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link DjangoServiceManager} from the {@code sideeye.*} properties and runs it
 * with the application context ({@link SideEyeLifecycle}). Every bean backs off when the
 * application declares its own; {@code sideeye.enabled=false} turns it all off.
 */
@AutoConfiguration
@ConditionalOnClass(DjangoServiceManager.class)
@ConditionalOnProperty(prefix = "sideeye", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SideEyeProperties.class)
public class SideEyeAutoConfiguration {

    /** The manager: properties first, then every {@link ServiceBuilderCustomizer} in order. Closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public DjangoServiceManager sideEyeServiceManager(SideEyeProperties properties,
                                                      ObjectProvider<ServiceBuilderCustomizer> customizers) {
        ServiceBuilder builder = properties.applyTo(DjangoServiceManager.builder());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** Starts the manager before the web server and stops it after the web server. */
    @Bean
    @ConditionalOnMissingBean
    public SideEyeLifecycle sideEyeLifecycle(DjangoServiceManager manager, SideEyeProperties properties) {
        return new SideEyeLifecycle(manager, properties.getLifecycle());
    }
}
