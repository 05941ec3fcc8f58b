package io.sideeye.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad configuration stops the command with exit code 2 and one message naming place, key and remedy. */
class BadConfigurationTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown key with a suggestion", "port: 8000\nhealthCheckIntervall: 2s\n",
                        List.of("sideeye.yaml:2: unknown key 'healthCheckIntervall'; did you mean 'healthCheckInterval'?",
                                "Valid keys: port, host, allowRemoteHost, isDev,", "profiles")),
                Arguments.of("unknown key without a close match", "colour: blue\n",
                        List.of("sideeye.yaml:1: unknown key 'colour'. Valid keys: port,")),
                Arguments.of("wrong type for a port", "port: eighty\n",
                        List.of("sideeye.yaml:1: port: 'eighty' is not a port; use a number from 0 to 65535, or auto")),
                Arguments.of("out-of-range port, in the core's words", "\nport: 70000\n",
                        List.of("sideeye.yaml:2: port: 70000 is out of range; use 0 (pick a free port) to 65535")),
                Arguments.of("wrong duration", "restartDelay: 2 seconds\n",
                        List.of("sideeye.yaml:1: restartDelay: '2 seconds' is not a duration; use milliseconds (500)"
                                + " or a number with ms, s, m or h (500ms, 2s, 1m)")),
                Arguments.of("negative duration", "healthCheckInterval: -1s\n",
                        List.of("sideeye.yaml:1: healthCheckInterval: -1s is out of range; use a positive duration")),
                Arguments.of("negative count", "maxRestartAttempts: -1\n",
                        List.of("sideeye.yaml:1: maxRestartAttempts: -1 is negative; use 0")),
                Arguments.of("fraction where a count belongs", "unhealthyThreshold: 2.5\n",
                        List.of("sideeye.yaml:1: unhealthyThreshold: 2.5 is not a whole number")),
                Arguments.of("boolean of the wrong form", "isDev: maybe\n",
                        List.of("sideeye.yaml:1: isDev: 'maybe' is not a boolean; use true or false")),
                Arguments.of("unknown server", "server: apache\n",
                        List.of("sideeye.yaml:1: server: 'apache' is not a server; use auto, runserver, waitress, gunicorn, uvicorn")),
                Arguments.of("command as one string", "command: python3 -m waitress app:wsgi\n",
                        List.of("sideeye.yaml:1: command: 'python3 -m waitress app:wsgi' is not a list; write the"
                                + " command as a list of arguments (it never runs through a shell)")),
                Arguments.of("environment as a list", "environment: [A, B]\n",
                        List.of("sideeye.yaml:1: environment: [A, B] is not a mapping; write NAME: value pairs")),
                Arguments.of("a key without a value", "port:\n",
                        List.of("sideeye.yaml:1: port: has no value; give a port number (0-65535) or auto,"
                                + " or remove the line to use the default")),
                Arguments.of("a remote host", "host: 0.0.0.0\n",
                        List.of("sideeye.yaml:1: host: '0.0.0.0' is not a loopback address")),
                Arguments.of("a relation between two keys", "restartDelay: 1m\n",
                        List.of("sideeye.yaml: maxRestartDelay: 30s is shorter than restartDelay 1m; use at least 1m"
                                + " (maxRestartDelay is not set, so it has its default)")),
                Arguments.of("a project folder that does not exist", "projectDir: nowhere\n",
                        List.of("sideeye.yaml:1: projectDir: ", "nowhere does not exist; point it at the Django project folder")),
                Arguments.of("malformed YAML: bad indentation", "port: 8000\n  host: x\n",
                        List.of("sideeye.yaml:2:7: malformed YAML: mapping values are not allowed here")),
                Arguments.of("malformed YAML: unterminated quote", "port: 8000\nhost: \"abc\n",
                        List.of("sideeye.yaml:2:7: malformed YAML: while scanning a quoted scalar")),
                Arguments.of("malformed YAML: a tab", "environment:\n\tA: b\n",
                        List.of("sideeye.yaml:2:1: malformed YAML:", "(Do not use \\t(TAB) for indentation)")),
                Arguments.of("a duplicate key", "port: 1\nhost: localhost\nport: 2\n",
                        List.of("sideeye.yaml:3: port: duplicate key (first set at sideeye.yaml:1); keep one of them")),
                Arguments.of("a list at the top", "- port: 1\n",
                        List.of("sideeye.yaml:1: the configuration must be a mapping of keys to values")),
                Arguments.of("an unknown key in a profile", "profiles:\n  dev:\n    prot: 1\n",
                        List.of("profile dev, sideeye.yaml:3: unknown key 'prot'; did you mean 'port'?")),
                Arguments.of("a profile that is not a mapping", "profiles:\n  dev: 8000\n",
                        List.of("sideeye.yaml:2: profiles.dev: must be a mapping of settings")),
                Arguments.of("an unknown key inside a service", "services:\n  web: {}\n  worker:\n    comand: [a]\n",
                        List.of("sideeye.yaml:4: services.worker: unknown key 'comand'; did you mean 'command'?",
                                "Valid keys: port, host,", "after, instances")),
                Arguments.of("after naming no service", "services:\n  web: {}\n  worker:\n    after: [wbe]\n",
                        List.of("sideeye.yaml:4: services.worker.after: there is no service 'wbe'; did you mean 'web'?"
                                + " services: web, worker")),
                Arguments.of("a dependency cycle, naming the services in it",
                        "services:\n  web:\n    after: [api]\n  worker:\n    after: [web]\n  api:\n    after: [worker]\n",
                        List.of("sideeye.yaml:3: services: web, api, worker form a dependency cycle (web runs after api"
                                + " runs after worker runs after web), so none of them could ever start")),
                Arguments.of("a service after itself", "services:\n  web:\n    after: [web]\n",
                        List.of("sideeye.yaml:3: services.web.after: 'web' cannot run after itself")),
                Arguments.of("after at the top level", "after: [web]\n",
                        List.of("sideeye.yaml:1: after: belongs under a service: 'services: {worker: {after: [web]}}'")),
                Arguments.of("copies on a fixed port", "services:\n  web: {}\n  worker:\n    port: 8100\n    instances: 3\n",
                        List.of("sideeye.yaml:5: services.worker.instances: 3 copies need port 0 so each gets its own"
                                + " free port (port is 8100); port 8100 is set at sideeye.yaml:4: write 'port: auto' for"
                                + " this service")),
                Arguments.of("copies on the single form's default port", "instances: 2\n",
                        List.of("sideeye.yaml:1: services.web.instances: 2 copies need port 0", "port 8000 is the default")),
                Arguments.of("two services inheriting one fixed port", "port: 8000\nservices:\n  web: {}\n  api: {}\n",
                        List.of("sideeye.yaml:1: services.api.port: 8000 on 127.0.0.1 is also the port of services.web,"
                                + " so only one of them could start; use port 0 (a free port) or another port")),
                Arguments.of("two services given one fixed port", "services:\n  web: {port: 8000}\n  api: {port: 8000}\n",
                        List.of("sideeye.yaml:3: services.api.port: 8000 on 127.0.0.1 is also the port of services.web")),
                Arguments.of("a service name that is not one", "services:\n  Web: {}\n",
                        List.of("sideeye.yaml:2: services: 'Web' is not a valid service name; use a lower-case letter")),
                Arguments.of("a service defined twice", "services:\n  web: {}\n  web: {port: 1}\n",
                        List.of("sideeye.yaml:3: services: service 'web' is defined twice (first at line 2); keep one")),
                Arguments.of("services as a list", "services: [web, worker]\n",
                        List.of("sideeye.yaml:1: services: must map service names to their settings")),
                Arguments.of("a service that is not a mapping", "services:\n  web: 8000\n",
                        List.of("sideeye.yaml:2: services.web: must be a mapping of settings")),
                Arguments.of("an unknown default service", "services:\n  web: {}\ndefaultService: wbe\n",
                        List.of("sideeye.yaml:3: defaultService: there is no service 'wbe'; did you mean 'web'?"
                                + " services: web")),
                Arguments.of("an unknown health mode", "health: sometimes\n",
                        List.of("sideeye.yaml:1: health: 'sometimes' is not a health mode; use http")),
                Arguments.of("process health for an external service", "external: http://127.0.0.1:9000\nhealth: process\n",
                        List.of("sideeye.yaml:2: health: process needs a process of ours to watch")),
                Arguments.of("a remote external service without opt-in",
                        "services:\n  api:\n    external: https://api.example.com\n",
                        List.of("sideeye.yaml:3: services.api.external: https://api.example.com is on another machine")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileExitsWithCode2AndOneMessageNamingFileLineKeyAndRemedy(String what, String yaml, List<String> expected)
            throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), yaml);
        for (String command : List.of("run", "doctor", "selftest")) {
            List<String> args = new ArrayList<>(List.of(command));
            Cli.Result r = new Cli(dir).run(args.toArray(String[]::new));
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(ExitCodes.CONFIG);
            assertThat(r.err()).as(command).startsWith("sideeye: bad configuration: ").contains(expected)
                    .contains("Nothing was started.").doesNotContain("Exception", "\tat ");
            assertThat(r.out()).as(command).isEmpty();
        }
    }

    @Test
    void aMissingFileGivenWithDashCIsNamedWithTheWorkingDirectory() {
        Cli.Result r = new Cli(dir).run("run", "-c", "missing.yaml");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("missing.yaml: configuration file not found; check the path given with -c or"
                + " SIDEEYE_CONFIG (the working directory is " + dir + ")");
    }

    @Test
    void aMissingFileNamedBySideeyeConfigIsAnError() {
        Cli.Result r = new Cli(dir).env("SIDEEYE_CONFIG", "gone.yaml").run("run", "--print-config");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("gone.yaml: configuration file not found");
    }

    @Test
    void aFolderGivenAsTheFileCannotBeRead() throws IOException {
        Files.createDirectories(dir.resolve("conf.yaml"));
        Cli.Result r = new Cli(dir).run("run", "-c", "conf.yaml");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("conf.yaml: is a directory, not a configuration file");
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("sideeye.json"), "{\"port\": 8000,\n \"host\": }\n");
        Cli.Result r = new Cli(dir).run("run");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("sideeye.json:2:", "malformed JSON: Unexpected character ('}'", "fix the JSON syntax");
    }

    @Test
    void anUndefinedProfileListsTheDefinedOnes() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), "profiles:\n  dev: {}\n  prod: {port: 9000}\n");
        Cli.Result r = new Cli(dir).run("run", "--profile", "prd");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("sideeye.yaml: profile 'prd' (option --profile) is not defined;"
                + " defined profiles: dev, prod (did you mean 'prod'?)");
    }

    @Test
    void aProfileWithoutAFileIsAnError() {
        Cli.Result r = new Cli(dir).env("SIDEEYE_PROFILE", "dev").run("run");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("profile 'dev' was requested (environment variable SIDEEYE_PROFILE) but there is"
                + " no configuration file");
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        Cli.Result r = new Cli(dir).env("SIDEEYE_HEALTH_CHECK_INTERVAL", "often").run("run");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("environment variable SIDEEYE_HEALTH_CHECK_INTERVAL: healthCheckInterval: 'often'"
                + " is not a duration");
    }

    @Test
    void badOptionValuesNameTheOption() {
        assertThat(new Cli(dir).run("run", "--port", "-5").err())
                .contains("option --port: port: -5 is out of range; use 0 (pick a free port) to 65535");
        assertThat(new Cli(dir).run("run", "--set", "startupTimeout=0").err())
                .contains("option --set: startupTimeout: 0ms is out of range; use a positive duration");
        assertThat(new Cli(dir).run("run", "--set", "healthInterval=1s").err())
                .contains("option --set: unknown key 'healthInterval'");
        assertThat(new Cli(dir).run("run", "--set", "command=python3 app.py").err())
                .contains("option --set: command: 'python3 app.py' is not a list");
        assertThat(new Cli(dir).run("run", "--set", "environment={\"A\": [1]}").err())
                .contains("option --set: environment: ", "must map each name to a text value; 'A' does not");
        Cli.Result token = new Cli(dir).run("run", "--set", "web.token=hunter2");
        assertThat(token.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(token.err()).contains("option --set: web.token: a token cannot be given on the command line")
                .doesNotContain("hunter2");
    }
}
