package io.sideeye.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye export}: choosing services, and every error a user can meet. The services here
 * run custom commands without {@code {python}}, so nothing is probed; the bundled backend's
 * export is checked against golden files in ExportIT.
 */
class ExportCommandTest {
    private static final String SIDEEYE = "/usr/local/bin/sideeye";

    @TempDir
    Path dir;

    private Cli.Result run(String yaml, String... args) throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), yaml);
        return new Cli(dir).run(args);
    }

    private static final String GROUP = """
            command: ["/bin/sleep", "{port}"]
            services:
              web:
                port: 8000
              worker:
                port: auto
                health: process
                after: [web, api]
              api:
                external: https://api.example.com
                allowRemoteHost: true
                token: never-shown-token
            """;

    @Test
    void oneServiceOfAGroupIsExportedWithItsDependenciesNamed() throws IOException {
        Cli.Result r = run(GROUP, "export", "systemd", "worker", "--sideeye", SIDEEYE);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("# sideeye-worker.service: SideEye service worker,")
                .contains("ExecStart=/bin/sleep 8001\n", "Requires=sideeye-web.service\n")
                .doesNotContain("sideeye-web.service:", "sideeye-api");
        assertThat(r.err()).contains("sideeye: note: service api is left out: it is external (https://api.example.com);"
                + " worker will not wait for it");
        assertThat(r.out() + r.err()).doesNotContain("never-shown-token");
    }

    @Test
    void anUnknownServiceIsAConfigurationErrorListingTheServices() throws IOException {
        Cli.Result r = run(GROUP, "export", "kubernetes", "wrker", "--image", "app:1");

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("there is no service 'wrker' (did you mean 'worker'?)", "web, worker, api");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anExternalServiceCannotBeExported() throws IOException {
        Cli.Result r = run(GROUP, "export", "systemd", "api", "--sideeye", SIDEEYE);

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("sideeye: cannot export: service api cannot be exported: it is external"
                + " (https://api.example.com), so there is nothing to run");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).doesNotContain("never-shown-token");
    }

    @Test
    void developmentModeRunsElsewhereToo() throws IOException {
        Cli.Result r = run("port: 8000\nisDev: true\n", "export", "kubernetes", "--image", "app:1");

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("nothing to export: every service of the configuration runs elsewhere (web)");
    }

    @Test
    void kubernetesNeedsAnImage() throws IOException {
        Cli.Result r = run("command: [/bin/sleep, \"{port}\"]\n", "export", "kubernetes");

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("Missing required option: '--image=IMAGE'");
    }

    @Test
    void badOptionValuesSayWhatToGive() throws IOException {
        String yaml = "command: [/bin/sleep, \"{port}\"]\n";
        assertThat(run(yaml, "export", "kubernetes", "--image", "app 1").err())
                .contains("--image: 'app 1' is not a container image name");
        assertThat(run(yaml, "export", "kubernetes", "--image", "app:1", "--workdir", "app").err())
                .contains("--workdir: 'app' is not an absolute folder");
        assertThat(run(yaml, "export", "systemd", "--base-port", "0", "--sideeye", SIDEEYE).err())
                .contains("--base-port: 0 is out of range; use 1 to 65535");
        Cli.Result relative = run(yaml, "export", "systemd", "--sideeye", "bin/sideeye");
        assertThat(relative.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(relative.err()).contains("--sideeye: 'bin/sideeye' is not an absolute path");
    }

    @Test
    void theHealthUnitsNeedTheSideeyeCommandWhenThisOneIsNotAJar() throws IOException {
        Cli.Result r = run("command: [/bin/sleep, \"{port}\"]\nport: 8000\n", "export", "systemd");

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("the health units run the sideeye command", "pass --sideeye");
    }

    @Test
    void processCheckedServicesNeedNoSideeyeCommand() throws IOException {
        Cli.Result r = run("command: [/bin/sleep, \"{port}\"]\nport: 8000\nhealth: process\n", "export", "systemd");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).doesNotContain("health --url");
    }

    @Test
    void unitNamesThatWouldClashAreRefused() throws IOException {
        Cli.Result r = run("""
                command: ["/bin/sleep", "{port}"]
                port: auto
                services:
                  web: {}
                  web-health: {}
                """, "export", "systemd", "--sideeye", SIDEEYE);

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("services web and web-health would both be written as sideeye-web-health.service;"
                + " rename one of them");
    }

    @Test
    void kubernetesNamesAllowNoUnderscore() throws IOException {
        Cli.Result r = run("""
                command: ["/bin/sleep", "{port}"]
                services:
                  task_worker: {}
                """, "export", "kubernetes", "--image", "app:1");

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("service task_worker cannot be named sideeye-task_worker in Kubernetes",
                "rename the service, e.g. task-worker");
    }

    @Test
    void aCommandThatCannotBeFoundNamesTheServiceAndTheProgram() throws IOException {
        Cli.Result r = run("command: [no-such-program-sideeye, \"{port}\"]\n", "export", "kubernetes", "--image",
                "app:1");

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("service web: command: 'no-such-program-sideeye' is not found on PATH");
    }

    @Test
    void aDependencyCycleIsAConfigurationError() throws IOException {
        Cli.Result r = run("""
                command: ["/bin/sleep", "{port}"]
                port: auto
                services:
                  a:
                    after: [b]
                  b:
                    after: [a]
                """, "export", "systemd", "--sideeye", SIDEEYE);

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("cycle").contains("a").contains("b");
    }

    @Test
    void portAutoInKubernetesListensOnTheBasePort() throws IOException {
        Cli.Result r = run("command: [\"/bin/sleep\", \"{port}\"]\nport: auto\n", "export", "kubernetes", "--image",
                "app:1", "--base-port", "9000");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("containerPort: 9000", "- \"9000\"");
        assertThat(r.err()).contains("service web has port auto (0); its containers listen on 9000");
    }

    @Test
    void aFolderThatCannotBeWrittenIsAFailureNamingIt() throws IOException {
        Files.writeString(dir.resolve("taken"), "a file, not a folder");
        Cli.Result r = run("command: [\"/bin/sleep\", \"{port}\"]\nport: 8000\n", "export", "kubernetes", "--image",
                "app:1", "--out", "taken");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("could not write " + dir.resolve("taken"));
    }

    @Test
    void inKubernetesTheProjectMovesToTheWorkdirAndPythonToTheImagesOwn() throws IOException {
        Files.writeString(dir.resolve("worker.py"), "");
        Cli.Result r = run("port: 8000\npython: /usr/bin/python3\ncommand: [\"{python}\", \"" + dir.resolve("worker.py")
                + "\", \"--data\", \"" + dir + "\", \"{port}\"]\nenvironment:\n  DATA: " + dir.resolve("data") + "\n",
                "export", "kubernetes", "--image", "app:1", "--workdir", "/srv/backend");
        Cli.Result own = run("port: 8000\npython: /usr/bin/python3\ncommand: [\"{python}\", \"app.py\"]\n",
                "export", "kubernetes", "--image", "app:1", "--image-python", "/opt/venv/bin/python");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("workingDir: /srv/backend\n", "command:\n        - python3\n"
                + "        - /srv/backend/worker.py\n        - --data\n        - /srv/backend\n        - \"8000\"\n",
                "value: /srv/backend/data\n").doesNotContain(dir.toString());
        assertThat(own.out()).contains("command:\n        - /opt/venv/bin/python\n        - app.py\n");
        assertThat(own.err()).contains("service web runs /opt/venv/bin/python, which the image must provide at that path");
    }
}
