package io.sideeye.service.process;

import static io.sideeye.service.testsupport.TestServerScript.PYTHON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.ServerKind;
import io.sideeye.service.net.SocketPortProbe;
import io.sideeye.service.testsupport.RecordingOutput;
import io.sideeye.service.testsupport.TestServerScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real interpreters, real virtual environments and a real (tiny) Django project. */
class DjangoCommandResolverIT {
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path temp;

    private Path project;
    private ChildProcess server;

    @BeforeEach
    void copyTheTestProject() throws Exception {
        project = temp.resolve("project");
        Path source = Path.of(DjangoCommandResolverIT.class.getResource("/djangoproject/manage.py").toURI()).getParent();
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(f -> !f.toString().contains("__pycache__"))
                    .forEach(f -> copy(f, project.resolve(source.relativize(f).toString())));
        }
    }

    @AfterEach
    void stopTheServer() throws Exception {
        if (server != null) {
            server.kill();
            server.onExit().get(20, TimeUnit.SECONDS);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a venv with Debian's Python; with system site packages it has Django, without it has not. */
    private Path venv(Path dir, boolean withDjango) throws Exception {
        List<String> argv = new ArrayList<>(List.of(PYTHON, "-m", "venv", "--without-pip"));
        if (withDjango) {
            argv.add("--system-site-packages");
        }
        argv.add(dir.toString());
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("venv creation").isZero();
        return dir.resolve("bin/python");
    }

    private CommandRequest request(String python, ServerKind server, int port) {
        return new CommandRequest(python, project, server, null, null, List.of(), HOST, port);
    }

    /** Runs the resolved command and waits until the health endpoint answers with our instance id. */
    private void serves(ResolvedCommand command, int port) throws IOException {
        Map<String, String> env = new HashMap<>(command.environment());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("SIDEEYE_INSTANCE_ID", "instance-" + port);
        RecordingOutput output = new RecordingOutput();
        server = new SystemProcessLauncher().launch(new LaunchSpec(command.argv(), project, env, output));
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> TestServerScript.request(port, "GET", "/api/health/").body(),
                            body -> body.contains("\"instance\": \"instance-" + port + "\""));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(command.description() + " did not serve; stderr " + output.stderr(), e);
        }
    }

    @Test
    void discoversTheProjectVenvAndServesWithWaitress() throws Exception {
        Path venvPython = venv(project.resolve(".venv"), true);
        int port = new SocketPortProbe().findFree(HOST);

        ResolvedCommand command = new DjangoCommandResolver().resolve(request(null, ServerKind.AUTO, port));

        assertThat(command.argv()).containsExactly(venvPython.toString(), "-m", "waitress", "--listen=" + HOST + ":" + port,
                "miniproject.wsgi:application");
        assertThat(command.environment()).containsEntry("DJANGO_SETTINGS_MODULE", "miniproject.settings");
        assertThat(command.description()).contains("(Django 3.2");
        serves(command, port);
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"RUNSERVER", "WAITRESS", "GUNICORN", "UVICORN"})
    void everyPresetServesTheProject(ServerKind kind) throws Exception {
        int port = new SocketPortProbe().findFree(HOST);

        ResolvedCommand command = new DjangoCommandResolver().resolve(request(PYTHON, kind, port));

        serves(command, port);
        server.terminate();
        server.onExit().get(20, TimeUnit.SECONDS);
        assertThat(new SocketPortProbe().isFree(HOST, port)).isTrue();
    }

    @Test
    void aConfiguredInterpreterWithoutDjangoGetsAClearError() throws Exception {
        Path bare = venv(temp.resolve("bare"), false);

        assertThatThrownBy(() -> new DjangoCommandResolver().resolve(request(bare.toString(), ServerKind.AUTO, 8000)))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessage("The configured Python interpreter '" + bare + "' cannot import Django"
                        + " (ModuleNotFoundError: No module named 'django'). Install Django for it ('" + bare
                        + " -m pip install django') or set python to an interpreter that has Django.");
    }

    @Test
    void discoveryExplainsEveryCandidateThatFailed() throws Exception {
        Path bare = venv(temp.resolve("bare"), false);
        PythonDiscovery discovery = new PythonDiscovery(ProcessInterpreterProbe.shared(),
                name -> name.equals("python3") ? Optional.of(bare) : Optional.empty(), false);

        assertThatThrownBy(() -> discovery.find(null, project, Map.of()))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessageContaining(project.resolve(".venv/bin/python") + ": not found")
                .hasMessageContaining("python3 on PATH: cannot import Django (ModuleNotFoundError: No module named 'django')")
                .hasMessageContaining("python on PATH: not found on PATH")
                .hasMessageContaining("python3 -m venv " + project.resolve(".venv"));
    }

    @Test
    void theExtraEnvironmentCanProvideDjango() throws Exception {
        Path bare = venv(temp.resolve("bare"), false);
        Path fakeDjango = Files.createDirectories(temp.resolve("libs/django"));
        Files.writeString(fakeDjango.resolve("__init__.py"), "def get_version():\n    return '9.9-fake'\n");

        Interpreter found = new ProcessInterpreterProbe(new SystemProcessLauncher(), ProcessInterpreterProbe.TIMEOUT)
                .probe(List.of(bare.toString()), project, Map.of("PYTHONPATH", temp.resolve("libs").toString()));

        assertThat(found.djangoVersion()).isEqualTo("9.9-fake");
    }

    @Test
    void probesAreCachedUntilTheInterpreterFileChanges() throws Exception {
        Path venvPython = venv(project.resolve(".venv"), true);
        AtomicInteger launches = new AtomicInteger();
        ProcessLauncher counting = spec -> {
            launches.incrementAndGet();
            return new SystemProcessLauncher().launch(spec);
        };
        ProcessInterpreterProbe probe = new ProcessInterpreterProbe(counting, ProcessInterpreterProbe.TIMEOUT);
        List<String> command = List.of(venvPython.toString());

        Interpreter first = probe.probe(command, project, Map.of());
        Interpreter second = probe.probe(command, project, Map.of());
        assertThat(second).isEqualTo(first);
        assertThat(launches).hasValue(1);

        // Recreating the venv replaces its interpreter link: the link's own time changes.
        Files.getFileAttributeView(venvPython, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(Instant.now().plusSeconds(60)), null, null);
        probe.probe(command, project, Map.of());
        assertThat(launches).hasValue(2);
    }

    @Test
    void aLauncherPrefixIsReplacedByTheInterpreterItStarts() throws Exception {
        // Like "py -3": a command of several words; the probe reports sys.executable instead.
        Interpreter found = new ProcessInterpreterProbe(new SystemProcessLauncher(), ProcessInterpreterProbe.TIMEOUT)
                .probe(List.of(PYTHON, "-I"), project, Map.of());

        assertThat(found.command()).containsExactly(PYTHON);
        assertThat(found.servers()).contains("waitress");
    }

    @Test
    void aProbeThatHangsTimesOut() throws Exception {
        ProcessInterpreterProbe probe = new ProcessInterpreterProbe(new SystemProcessLauncher(), Duration.ofSeconds(1));

        // The first -c wins: this "interpreter" never answers.
        assertThatThrownBy(() -> probe.probe(List.of(PYTHON, "-c", "import time; time.sleep(120)"), project, Map.of()))
                .isInstanceOf(InterpreterProbe.Failure.class)
                .hasMessage("did not answer within 1s");
    }
}
