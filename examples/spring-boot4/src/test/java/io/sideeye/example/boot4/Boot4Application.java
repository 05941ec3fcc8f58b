package io.sideeye.example.boot4;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/** A Spring Boot 4 web application with the starter and Actuator, and nothing else. */
@SpringBootApplication
class Boot4Application {
    static final AtomicReference<ServiceState> STATE_WHEN_WEB_SERVER_OPENED = new AtomicReference<>();

    @Bean
    ApplicationListener<WebServerInitializedEvent> stateWhenWebServerOpened(DjangoServiceManager manager) {
        return event -> STATE_WHEN_WEB_SERVER_OPENED.set(manager.getStatus().state());
    }
}
