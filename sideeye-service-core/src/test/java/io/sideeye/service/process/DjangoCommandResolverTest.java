package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.ServerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjangoCommandResolverTest {
    private static final String MANAGE_PY = """
            #!/usr/bin/env python
            import os
            import sys

            def main():
                os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')
                from django.core.management import execute_from_command_line
                execute_from_command_line(sys.argv)
            """;

    @TempDir
    Path project;

    private String python;
    private final FakeProbe probe = new FakeProbe();

    @BeforeEach
    void venvWithDjango() throws IOException {
        Path venvPython = project.resolve(".venv/bin/python");
        Files.createDirectories(venvPython.getParent());
        python = Files.writeString(venvPython, "").toString();
        Files.writeString(project.resolve("manage.py"), MANAGE_PY);
    }

    private ResolvedCommand resolve(ServerKind server, String host) throws CommandResolutionException {
        return resolve(new CommandRequest(null, project, server, null, null, List.of(), host, 8123));
    }

    private ResolvedCommand resolve(CommandRequest request) throws CommandResolutionException {
        return new DjangoCommandResolver(new PythonDiscovery(probe, name -> Optional.empty(), false)).resolve(request);
    }

    @Test
    void runserverRunsManagePyWithoutTheAutoreloader() throws Exception {
        probe.django(python, "4.2.7");

        ResolvedCommand command = resolve(ServerKind.RUNSERVER, "127.0.0.1");

        assertThat(command.argv()).containsExactly(python, project.resolve("manage.py").toString(), "runserver",
                "--noreload", "127.0.0.1:8123");
        assertThat(command.environment()).containsExactly(Map.entry("DJANGO_SETTINGS_MODULE", "shop.settings"));
        assertThat(command.description()).isEqualTo("Django runserver with " + python + " (Django 4.2.7)");
    }

    @Test
    void ipv6HostsAreBracketedInHostPort() throws Exception {
        probe.django(python, "4.2", "waitress", "gunicorn", "uvicorn");

        assertThat(resolve(ServerKind.RUNSERVER, "::1").argv()).endsWith("[::1]:8123");
        assertThat(resolve(ServerKind.WAITRESS, "::1").argv()).contains("--listen=[::1]:8123");
        assertThat(resolve(ServerKind.GUNICORN, "[::1]").argv()).contains("[::1]:8123");
        assertThat(resolve(ServerKind.UVICORN, "::1").argv()).containsSequence("--host", "::1", "--port", "8123");
    }

    @Test
    void waitressServesTheWsgiApplicationBesideTheSettings() throws Exception {
        probe.django(python, "4.2", "waitress");

        ResolvedCommand command = resolve(ServerKind.WAITRESS, "127.0.0.1");

        assertThat(command.argv()).containsExactly(python, "-m", "waitress", "--listen=127.0.0.1:8123",
                "shop.wsgi:application");
        assertThat(command.environment()).containsEntry("DJANGO_SETTINGS_MODULE", "shop.settings");
        assertThat(command.description()).startsWith("waitress serving shop.wsgi:application with " + python);
    }

    private ResolvedCommand sharing(ServerKind server, List<String> command, int privatePort)
            throws CommandResolutionException {
        return resolve(new CommandRequest(null, project, server, null, null, command, "127.0.0.1", 8123, Map.of(), true,
                privatePort));
    }

    @Test
    void sharingThePortWaitressRunsTheServeEntryWithAPrivatePort() throws Exception {
        probe.django(python, "4.2", "waitress", "sideeye_health.serve");

        ResolvedCommand command = sharing(ServerKind.WAITRESS, List.of(), 41001);

        assertThat(command.argv()).containsExactly(python, "-m", "sideeye_health.serve", "--listen", "127.0.0.1:8123",
                "--private-port", "41001", "shop.wsgi:application");
        assertThat(command.sharing()).isEqualTo(PortSharing.by("SO_REUSEPORT through sideeye_health.serve"));
        assertThat(sharing(ServerKind.WAITRESS, List.of(), 0).argv()).doesNotContain("--private-port");
    }

    @Test
    void withoutTheServeEntryWaitressBindsItsPortAloneAndSaysWhy() throws Exception {
        probe.django(python, "4.2", "waitress");

        ResolvedCommand command = sharing(ServerKind.WAITRESS, List.of(), 41001);

        assertThat(command.argv()).containsExactly(python, "-m", "waitress", "--listen=127.0.0.1:8123",
                "shop.wsgi:application");
        assertThat(command.sharing().supported()).isFalse();
        assertThat(command.sharing().detail()).isEqualTo(python + " cannot import sideeye_health.serve (install the"
                + " sideeye-health package beside waitress, or put sideeye_health in the project folder)");
    }

    @Test
    void sharingThePortGunicornReusesItAndBindsThePrivatePortToo() throws Exception {
        probe.django(python, "4.2", "gunicorn");

        assertThat(sharing(ServerKind.GUNICORN, List.of(), 41001).argv()).containsExactly(python, "-m", "gunicorn",
                "--bind", "127.0.0.1:8123", "--reuse-port", "--bind", "127.0.0.1:41001", "shop.wsgi:application");
    }

    @Test
    void runserverUvicornAndPlainCustomCommandsCannotShareThePort() throws Exception {
        probe.django(python, "4.2", "waitress", "uvicorn", "sideeye_health.serve");

        assertThat(sharing(ServerKind.RUNSERVER, List.of(), 41001).sharing())
                .isEqualTo(PortSharing.not("Django runserver binds its port alone"));
        assertThat(sharing(ServerKind.UVICORN, List.of(), 41001).sharing().supported()).isFalse();
        assertThat(sharing(ServerKind.AUTO, List.of("/bin/app", "{port}"), 41001).sharing().supported()).isFalse();
        ResolvedCommand declared = sharing(ServerKind.AUTO, List.of("/bin/app", "{port}", "{privatePort}"), 41001);
        assertThat(declared.argv()).containsExactly("/bin/app", "8123", "41001");
        assertThat(declared.sharing().supported()).isTrue();
    }

    @Test
    void notAskedToShareThePortNothingChanges() throws Exception {
        probe.django(python, "4.2", "waitress", "sideeye_health.serve");

        ResolvedCommand command = resolve(ServerKind.WAITRESS, "127.0.0.1");

        assertThat(command.argv()).contains("-m", "waitress");
        assertThat(command.sharing()).isEqualTo(PortSharing.not("zeroDowntimeRestart is off"));
    }

    @Test
    void gunicornBindsHostPort() throws Exception {
        probe.django(python, "4.2", "gunicorn");

        assertThat(resolve(ServerKind.GUNICORN, "127.0.0.1").argv()).containsExactly(python, "-m", "gunicorn",
                "--bind", "127.0.0.1:8123", "shop.wsgi:application");
    }

    @Test
    void uvicornServesTheAsgiApplication() throws Exception {
        probe.django(python, "4.2", "uvicorn");

        assertThat(resolve(ServerKind.UVICORN, "127.0.0.1").argv()).containsExactly(python, "-m", "uvicorn",
                "--host", "127.0.0.1", "--port", "8123", "shop.asgi:application");
    }

    @Test
    void autoPrefersWaitressWhenItCanBeImported() throws Exception {
        probe.django(python, "4.2", "waitress");

        assertThat(resolve(ServerKind.AUTO, "127.0.0.1").argv()).containsSequence("-m", "waitress");
    }

    @Test
    void autoFallsBackToRunserverWithoutWaitress() throws Exception {
        probe.django(python, "4.2", "gunicorn");

        assertThat(resolve(ServerKind.AUTO, "127.0.0.1").argv()).containsSequence("runserver", "--noreload");
    }

    @Test
    void configuredSettingsAndApplicationWinOverManagePy() throws Exception {
        probe.django(python, "4.2", "waitress");

        ResolvedCommand command = resolve(new CommandRequest(null, project, ServerKind.WAITRESS, "shop.settings.prod",
                "shop.custom_wsgi:app", List.of(), "127.0.0.1", 8123));

        assertThat(command.argv()).endsWith("shop.custom_wsgi:app");
        assertThat(command.environment()).containsEntry("DJANGO_SETTINGS_MODULE", "shop.settings.prod");
    }

    @Test
    void aNestedSettingsModuleFindsTheWsgiFileOfItsProject() throws Exception {
        probe.django(python, "4.2", "waitress");
        Files.createDirectories(project.resolve("config/settings"));
        Files.writeString(project.resolve("config/wsgi.py"), "application = None\n");

        ResolvedCommand command = resolve(new CommandRequest(null, project, ServerKind.WAITRESS,
                "config.settings.production", null, List.of(), "127.0.0.1", 8123));

        assertThat(command.argv()).endsWith("config.wsgi:application");
    }

    @Test
    void runserverWithoutManagePyNamesThePath() throws Exception {
        probe.django(python, "4.2");
        Files.delete(project.resolve("manage.py"));

        assertThatThrownBy(() -> resolve(ServerKind.RUNSERVER, "127.0.0.1"))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessage("server RUNSERVER needs " + project.resolve("manage.py") + ", which does not exist; set"
                        + " projectDir to the folder that contains manage.py");
    }

    @Test
    void waitressWithoutSettingsSaysWhatToSet() throws Exception {
        probe.django(python, "4.2", "waitress");
        Files.delete(project.resolve("manage.py"));

        assertThatThrownBy(() -> resolve(ServerKind.WAITRESS, "127.0.0.1"))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessageContaining(project.resolve("manage.py") + " does not exist")
                .hasMessageContaining("set settingsModule (or wsgiApplication)");
    }

    @Test
    void waitressWithAConfiguredApplicationNeedsNoManagePy() throws Exception {
        probe.django(python, "4.2", "waitress");
        Files.delete(project.resolve("manage.py"));

        ResolvedCommand command = resolve(new CommandRequest(null, project, ServerKind.WAITRESS, null,
                "shop.wsgi:application", List.of(), "127.0.0.1", 8123));

        assertThat(command.argv()).endsWith("shop.wsgi:application");
        assertThat(command.environment()).isEmpty();
    }

    @Test
    void aMissingServerPackageIsReportedBeforeSpawning() {
        probe.django(python, "4.2");

        assertThatThrownBy(() -> resolve(ServerKind.GUNICORN, "127.0.0.1"))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessage("server GUNICORN needs the Python package 'gunicorn', which " + python + " cannot import;"
                        + " install it ('" + python + " -m pip install gunicorn') or choose server RUNSERVER");
    }

    @Test
    void aCustomCommandExpandsHostAndPortWithoutProbing() throws Exception {
        ResolvedCommand command = resolve(new CommandRequest(null, project, ServerKind.AUTO, null, null,
                List.of("/opt/bin/serve", "--addr={host}:{port}", "{port}", "$HOME {x}"), "127.0.0.1", 8123));

        assertThat(command.argv()).containsExactly("/opt/bin/serve", "--addr=127.0.0.1:8123", "8123", "$HOME {x}");
        assertThat(command.environment()).isEmpty();
        assertThat(command.description()).isEqualTo("custom command /opt/bin/serve");
        assertThat(probe.asked).isEmpty();
    }

    @Test
    void pythonInACustomCommandTriggersDiscovery() throws Exception {
        probe.django(python, "4.2");

        ResolvedCommand command = resolve(new CommandRequest(null, project, ServerKind.AUTO, "shop.settings", null,
                List.of("{python}", "-m", "myserver", "{host}"), "::1", 8123));

        assertThat(command.argv()).containsExactly(python, "-m", "myserver", "::1");
        assertThat(command.environment()).containsEntry("DJANGO_SETTINGS_MODULE", "shop.settings");
        assertThat(probe.asked).hasSize(1);
    }

    @Test
    void aConfiguredPythonInACustomCommandIsUsedWithoutProbing() throws Exception {
        ResolvedCommand command = resolve(new CommandRequest(".venv/bin/python", project, ServerKind.AUTO, null, null,
                List.of("{python}", "-m", "fastapi_app"), "127.0.0.1", 8123));

        assertThat(command.argv()).containsExactly(python, "-m", "fastapi_app");
        assertThat(probe.asked).isEmpty();
    }

    @Test
    void noInterpreterFailsTheResolution() throws Exception {
        Files.delete(Path.of(python));

        assertThatThrownBy(() -> resolve(ServerKind.AUTO, "127.0.0.1"))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessageContaining("No Python interpreter that can import Django was found");
    }

    @Test
    void hostPortBracketsOnlyIpv6() {
        assertThat(DjangoCommandResolver.hostPort("127.0.0.1", 80)).isEqualTo("127.0.0.1:80");
        assertThat(DjangoCommandResolver.hostPort("localhost", 80)).isEqualTo("localhost:80");
        assertThat(DjangoCommandResolver.hostPort("::1", 80)).isEqualTo("[::1]:80");
        assertThat(DjangoCommandResolver.hostPort("[::1]", 80)).isEqualTo("[::1]:80");
    }
}
