package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.ExitCodes;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye demo}: the bundled backend with the dashboard, whose URL is printed. */
@RequiresReferenceBackend
class DemoIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Pattern DASHBOARD = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+)/)#code=(\\S+)");

    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void runsTheBundledBackendAndPrintsAWorkingDashboardUrl() throws Exception {
        try (CliProcess demo = CliProcess.start(dir, home, java.util.Map.of("SIDEEYE_DATA_DIR", dir.resolve("data").toString()),
                "demo", "--project", ReferenceBackend.PROJECT.toString(), "--python", ReferenceBackend.PYTHON.toString())) {
            demo.awaitStarted(START);
            Matcher m = DASHBOARD.matcher(demo.awaitLine(DASHBOARD.pattern(), START));
            assertThat(m.find()).isTrue();
            HttpURLConnection page = (HttpURLConnection) URI.create(m.group(1)).toURL().openConnection();
            assertThat(page.getResponseCode()).isEqualTo(200);
            assertThat(page.getContentType()).startsWith("text/html");
            page.disconnect();
            // what the page does with its link's code: trade it for a session, then call with it
            HttpURLConnection signIn = (HttpURLConnection) URI.create(m.group(1) + "ipc/session").toURL()
                    .openConnection();
            signIn.setRequestMethod("POST");
            signIn.setDoOutput(true);
            signIn.setRequestProperty("Content-Type", "application/json");
            signIn.getOutputStream().write(("{\"code\":\"" + m.group(3) + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(signIn.getResponseCode()).isEqualTo(200);
            String session = new String(signIn.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll(".*\"session\":\"([^\"]+)\".*", "$1");
            HttpURLConnection status = (HttpURLConnection) URI.create(m.group(1) + "ipc/django-service-status").toURL()
                    .openConnection();
            status.setRequestProperty("Authorization", "Bearer " + session);
            assertThat(status.getResponseCode()).isEqualTo(200);
            status.disconnect();

            demo.signal("INT");
            assertThat(demo.awaitExit(Duration.ofSeconds(30))).isEqualTo(ExitCodes.OK);
        }
    }
}
