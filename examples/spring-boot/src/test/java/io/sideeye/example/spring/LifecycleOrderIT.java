package io.sideeye.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.spring.boot.SideEyeLifecycle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backend starts before the web server and stops after it: a probe placed in the phase just
 * below the web server's sees, on the way up and on the way down, a running backend and a
 * closed web port; after the application closes, the backend's process is gone.
 */
class LifecycleOrderIT {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile int webPort;

    @Test
    void theBackendRunsBeforeTheWebServerOpensAndUntilItHasClosed() {
        SEEN.clear();
        webPort = 0;
        Map<String, Object> properties = new LinkedHashMap<>(TestBackend.properties());
        properties.put("server.port", "0");
        properties.put("server.shutdown", "graceful");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(NotesApplication.class, Probe.class)
                .run(args);
        long pid;
        try {
            pid = app.getBean(DjangoServiceManager.class).getStatus().pid();
            assertThat(webPort).isEqualTo(((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(Probe.portState(webPort)).isEqualTo("open");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            app.close();
        }

        assertThat(SEEN).containsExactly("start: backend RUNNING, web server not started",
                "stop: backend RUNNING, web port " + webPort + " closed");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("backend after close").isFalse();
        assertThat(SideEyeLifecycle.DEFAULT_PHASE).isLessThan(Probe.PHASE);
    }

    @Configuration(proxyBeanMethods = false)
    static class Probe {
        /** Just below the web server's start/stop phase, above the backend's. */
        static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024 - 1;

        @Bean
        ApplicationListener<WebServerInitializedEvent> webPortProbe() {
            return event -> webPort = event.getWebServer().getPort();
        }

        @Bean
        SmartLifecycle orderProbe(DjangoServiceManager manager) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    // (not the web server's getPort(): before its start, that makes Tomcat add a connector on 8080)
                    SEEN.add("start: backend " + manager.getStatus().state() + ", web server "
                            + (webPort == 0 ? "not started" : "started on " + webPort));
                    running = true;
                }

                @Override
                public void stop() {
                    SEEN.add("stop: backend " + manager.getStatus().state() + ", web port " + webPort + " "
                            + portState(webPort));
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return PHASE;
                }
            };
        }

        static String portState(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return "open";
            } catch (IOException e) {
                return "closed";
            }
        }
    }
}
