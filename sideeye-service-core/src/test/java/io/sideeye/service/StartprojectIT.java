package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A project we did not write: Django's own {@code startproject} template, without the health app,
 * run by Debian's Django through the default server. A start against the default health path
 * fails within seconds with the remedy and leaves a handful of "Not Found" lines in the log;
 * {@code health: tcp} and a page of the project with expected status and text supervise it.
 */
class StartprojectIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path temp;
    private static Path project;

    @BeforeAll
    static void startproject() throws Exception {
        project = temp.resolve("mysite");
        Files.createDirectories(project);
        Process p = new ProcessBuilder(PYTHON, "-m", "django", "startproject", "mysite", project.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(project.resolve("manage.py")).exists();
    }

    private static ServiceBuilder builder() {
        return DjangoServiceManager.builder().projectDir(project).python(PYTHON).port(0)
                .startupTimeout(STARTUP_TIMEOUT).maxRestartAttempts(0).runtimeDir(null).apiBasePath("")
                .healthCheckInterval(Duration.ofMillis(500)).shutdownTimeout(Duration.ofSeconds(5));
    }

    /** Django's console handler logs each 404 as one {@code Not Found: <path>} line. */
    private static long notFoundLines(DjangoServiceManager m) {
        return m.recentLogs().stream().filter(l -> l.line().startsWith("Not Found: ")).count();
    }

    @Test
    void withoutTheHealthAppTheStartFailsFastWithTheRemedyAndAHandfulOfLogLines() throws Exception {
        try (DjangoServiceManager m = builder().build()) {
            long t0 = System.nanoTime();
            assertThat(m.start().get(60, TimeUnit.SECONDS)).isFalse();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(took).as("well under startupTimeout").isLessThan(Duration.ofSeconds(12));
            assertThat(took).as("about 2 s of consecutive checks").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            ServiceStatus status = m.getStatus();
            assertThat(status.lastError()).contains("/api/health/", "HTTP 404",
                    "'sideeye_health' in INSTALLED_APPS", "health: tcp", "sideeye doctor", "docs/TROUBLESHOOTING.md#");
            assertThat(status.pid()).isNull();
            assertThat(notFoundLines(m)).as(m.recentLogs().toString()).isBetween(1L, 5L);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/admin/       | HTTP 302: a redirect (to a login page",
        "/admin/login/ | HTTP 200: an HTML page, not the health JSON",
    })
    void aLoginRedirectOrAnHtmlPageFailsFastToo(String healthPath, String reason) throws Exception {
        try (DjangoServiceManager m = builder().healthPath(healthPath).build()) {
            long t0 = System.nanoTime();
            assertThat(m.start().get(60, TimeUnit.SECONDS)).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
            assertThat(m.getStatus().lastError()).contains(healthPath, reason, "'sideeye_health' in INSTALLED_APPS");
        }
    }

    @Test
    void withDebugOffAndNoAllowedHostsTheStartFailsFastNamingAllowedHosts() throws Exception {
        Files.writeString(project.resolve("mysite/settings_nodebug.py"), "from .settings import *\nDEBUG = False\n");
        try (DjangoServiceManager m = builder().settingsModule("mysite.settings_nodebug").build()) {
            long t0 = System.nanoTime();
            assertThat(m.start().get(60, TimeUnit.SECONDS)).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
            assertThat(m.getStatus().lastError()).contains("HTTP 400", "ALLOWED_HOSTS")
                    .doesNotContain("INSTALLED_APPS");
        }
    }

    @Test
    void tcpHealthSupervisesItWithoutARequestInItsLog() throws Exception {
        try (DjangoServiceManager m = builder().healthMode(HealthMode.TCP).build()) {
            List<ServiceEvent.Warning> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
            m.on(ServiceEvent.Warning.class, warnings::add);
            assertThat(m.start().get(60, TimeUnit.SECONDS)).isTrue();

            ServiceStatus status = m.getStatus();
            assertThat(status.identityChecked()).isFalse();
            assertThat(warnings).extracting(ServiceEvent.Warning::message)
                    .anyMatch(w -> w.startsWith("health: tcp cannot tell this backend from another server"));
            assertThat(m.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
            ApiResponse page = m.apiCall("/admin/login/", "GET", null).get(10, TimeUnit.SECONDS);
            assertThat(page.status()).isEqualTo(200);
            assertThat(notFoundLines(m)).isZero();
            assertThat(m.stop().get(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anyPageWithExpectedStatusAndTextIsTheHealthEndpoint() throws Exception {
        ServiceBuilder b = builder().healthPath("/admin/login/").healthStatus(List.of(200))
                .healthBodyContains("csrfmiddlewaretoken");
        try (DjangoServiceManager m = b.build()) {
            assertThat(m.start().get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(m.getStatus().identityChecked()).isFalse();
            assertThat(m.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(m.getStatus().lastHealthCheck().status()).isEqualTo(200);

            m.reconfigure(b.healthBodyContains("no such text").config()).get(10, TimeUnit.SECONDS);
            assertThat(m.healthCheck().get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(m.getStatus().lastHealthCheck().error())
                    .isEqualTo("HTTP 200: the body does not contain \"no such text\"");
        }
    }
}
