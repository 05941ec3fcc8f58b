package io.sideeye.cli.doctor;

import io.sideeye.config.ResolvedConfig;
import io.sideeye.cli.doctor.PythonProbe.Finding;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preflight of {@code sideeye doctor}: everything a start needs, checked one by one, each
 * failure with a concrete remedy. Checks that depend on a failed one are skipped, not failed
 * again.
 */
public final class Doctor {
    private static final Pattern SETTINGS_DEFAULT =
            Pattern.compile("DJANGO_SETTINGS_MODULE['\"]\\s*,\\s*['\"]([\\w.]+)['\"]");
    private static final List<String> WELL_KNOWN_PYTHONS = List.of("/usr/bin/python3", "/usr/local/bin/python3");

    private final ResolvedConfig resolved;
    private final ServiceConfig config;
    private final Map<String, String> env;
    private final Path cliRuntimeDir;
    private final PortOwner ports;
    private final Map<String, String> childEnv;

    /**
     * @param env           this process's environment (PATH, SIDEEYE_DATA_DIR)
     * @param cliRuntimeDir where {@code sideeye run} keeps its runtime files
     */
    public Doctor(ResolvedConfig resolved, Map<String, String> env, Path cliRuntimeDir, PortOwner ports) {
        this.resolved = resolved;
        this.config = resolved.config();
        this.env = env;
        this.cliRuntimeDir = cliRuntimeDir;
        this.ports = ports;
        this.childEnv = new HashMap<>(config.environment());
        this.childEnv.put("SIDEEYE_WATCHDOG", "0"); // probes are not supervised: the backend must not watch for a parent
    }

    /** Runs every check, handing each result to {@code sink} as soon as it is known. */
    public void run(Consumer<CheckResult> sink) {
        common(sink, "");
        service(sink);
    }

    /**
     * The checks that concern the machine and the configuration as a whole: Java, and which file
     * and profile are in use.
     *
     * @param services how the configuration's services are described after the file, e.g. {@code ; services web, worker}
     */
    public void common(Consumer<CheckResult> sink, String services) {
        sink.accept(java());
        sink.accept(CheckResult.ok("Configuration", (resolved.file() == null ? "defaults (no sideeye.yaml)"
                : resolved.file().toString()) + (resolved.profile() == null ? "" : ", profile " + resolved.profile())
                + services));
    }

    /**
     * The checks of this service: for one that is spawned here its interpreter, Django, servers,
     * project, settings, health path and port; for one that runs elsewhere that it answers.
     */
    public void service(Consumer<CheckResult> sink) {
        if (config.external() != null) {
            String why = "external service at " + config.external() + ": nothing is run here";
            for (String name : List.of("Python", "Django", "Servers", "manage.py", "Settings", "Health path")) {
                sink.accept(CheckResult.skip(name, why));
            }
            sink.accept(ExternalCheck.reachable(config));
            return;
        }
        if (config.dev()) {
            String why = "isDev: the backend is run outside sideeye";
            for (String name : List.of("Python", "Django", "Servers", "manage.py", "Settings", "Health path")) {
                sink.accept(CheckResult.skip(name, why));
            }
            sink.accept(PortChecks.devBackend(config, ports));
        } else {
            projectChecks(sink);
            sink.accept(PortChecks.port(config, ports));
        }
        sink.accept(FolderChecks.dataDir(config, env));
        sink.accept(FolderChecks.runtimeDirs(config, cliRuntimeDir));
    }

    private void projectChecks(Consumer<CheckResult> sink) {
        boolean customCommand = !config.command().isEmpty();
        if (customCommand && config.command().stream().noneMatch(a -> a.contains("{python}"))) {
            String why = "custom command " + config.command() + " does not use {python}";
            for (String name : List.of("Python", "Django", "Servers")) {
                sink.accept(CheckResult.skip(name, why));
            }
            sink.accept(managePy(true));
            sink.accept(CheckResult.skip("Settings", why));
            sink.accept(config.healthMode() != HealthMode.HTTP ? processHealth()
                    : CheckResult.ok("Health path", config.healthPath() + " (not verified: custom command)"));
            return;
        }
        List<String> tried = new ArrayList<>();
        Optional<Finding> chosen = choosePython(tried);
        sink.accept(pythonResult(chosen, tried));
        if (chosen.isEmpty()) {
            for (String name : List.of("Django", "Servers")) {
                sink.accept(CheckResult.skip(name, "needs a Python interpreter"));
            }
            sink.accept(managePy(customCommand));
            sink.accept(CheckResult.skip("Settings", "needs a Python interpreter"));
            sink.accept(CheckResult.skip("Health path", "needs a Python interpreter"));
            return;
        }
        Finding python = chosen.get();
        sink.accept(django(python, tried));
        sink.accept(customCommand ? CheckResult.skip("Servers", "custom command " + config.command()) : servers(python));
        CheckResult manage = managePy(customCommand);
        sink.accept(manage);
        if (!python.hasDjango() || manage.status() == CheckResult.Status.FAIL) {
            String why = !python.hasDjango() ? "needs Django" : "needs manage.py";
            sink.accept(CheckResult.skip("Settings", why));
            sink.accept(CheckResult.skip("Health path", why));
            return;
        }
        settingsAndHealth(python, sink);
    }

    private CheckResult java() {
        Runtime.Version v = Runtime.version();
        String detail = v + " (" + System.getProperty("java.vendor") + ") at " + System.getProperty("java.home");
        return v.feature() >= 17 ? CheckResult.ok("Java", detail)
                : CheckResult.fail("Java", detail, "install Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless)");
    }

    private Optional<Finding> choosePython(List<String> tried) {
        if (config.python() != null) {
            Finding f = PythonProbe.probe(config.python(), config.projectDir(), childEnv);
            tried.add(config.python() + " (configured): " + f.summary());
            return f.report() == null ? Optional.empty() : Optional.of(f);
        }
        Finding firstRunning = null;
        for (PythonCandidates.Candidate c : PythonCandidates.discover(config.projectDir(), env)) {
            if (c.path() == null) {
                tried.add(c.label() + ": not found");
                continue;
            }
            Finding f = PythonProbe.probe(c.path(), config.projectDir(), childEnv);
            tried.add(c.label() + " (" + c.path() + "): " + f.summary());
            if (f.hasDjango()) {
                return Optional.of(f);
            }
            if (firstRunning == null && f.report() != null) {
                firstRunning = f;
            }
        }
        return Optional.ofNullable(firstRunning);
    }

    private CheckResult pythonResult(Optional<Finding> chosen, List<String> tried) {
        String triedText = "tried: " + String.join("; ", tried);
        if (chosen.isEmpty()) {
            return CheckResult.fail("Python", "no interpreter could be run; " + triedText, pythonRemedy());
        }
        return CheckResult.ok("Python", chosen.get().interpreter() + " (Python " + chosen.get().report().path("python")
                .asText() + "); " + triedText);
    }

    private CheckResult django(Finding python, List<String> tried) {
        if (python.hasDjango()) {
            return CheckResult.ok("Django", "Django " + python.report().path("django").asText() + " (import django works with "
                    + python.interpreter() + ")");
        }
        return CheckResult.fail("Django", "not importable by " + (config.python() != null ? python.interpreter()
                : "any candidate") + ": " + python.report().path("djangoError").asText(), pythonRemedy());
    }

    private String pythonRemedy() {
        StringBuilder remedy = new StringBuilder();
        for (String candidate : WELL_KNOWN_PYTHONS) {
            if (Files.isExecutable(Path.of(candidate)) && !candidate.equals(config.python())) {
                Finding f = PythonProbe.probe(candidate, config.projectDir(), childEnv);
                if (f.hasDjango()) {
                    remedy.append("set 'python: ").append(candidate).append("' (it has Django ")
                            .append(f.report().path("django").asText()).append("), or ");
                    break;
                }
            }
        }
        Path venv = config.projectDir().toAbsolutePath().normalize().resolve(".venv");
        return remedy + "create a virtualenv with Django in the project: python3 -m venv " + venv + " && "
                + venv.resolve("bin").resolve("pip") + " install django"
                + " (in this repository: ./scripts/setup-python; on Debian without internet:"
                + " apt-get install python3-django python3-waitress)";
    }

    private CheckResult servers(Finding python) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : List.of("waitress", "gunicorn", "uvicorn")) {
            found.put(name, python.server(name));
        }
        StringBuilder detail = new StringBuilder();
        found.forEach((name, version) -> detail.append(detail.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(version == null ? "not installed" : version));
        ServerKind kind = config.server();
        String needed = switch (kind) {
            case WAITRESS -> "waitress";
            case GUNICORN -> "gunicorn";
            case UVICORN -> "uvicorn";
            default -> null;
        };
        String uses = kind == ServerKind.AUTO ? (found.get("waitress") != null ? "waitress" : "runserver (waitress not installed)")
                : kind.name().toLowerCase(Locale.ROOT);
        detail.append("; server ").append(kind.name().toLowerCase(Locale.ROOT)).append(" uses ").append(uses);
        if (needed != null && found.get(needed) == null) {
            return CheckResult.fail("Servers", detail.toString(), "install " + needed + " for " + python.interpreter()
                    + " (pip install " + needed + "; Debian: apt-get install python3-" + needed + "), or set 'server: auto'");
        }
        return CheckResult.ok("Servers", detail.toString());
    }

    private CheckResult managePy(boolean customCommand) {
        Path manage = config.projectDir().resolve("manage.py");
        String dir = config.projectDir().toAbsolutePath().normalize().toString();
        if (Files.isRegularFile(manage)) {
            return CheckResult.ok("manage.py", manage.toAbsolutePath().normalize().toString());
        }
        if (customCommand) {
            return CheckResult.skip("manage.py", "not in " + dir + "; not needed by the custom command");
        }
        return CheckResult.fail("manage.py", "not found in " + dir,
                "point projectDir at the Django project folder that contains manage.py"
                        + " (sideeye.yaml 'projectDir: backend', or --project DIR)");
    }

    private void settingsAndHealth(Finding python, Consumer<CheckResult> sink) {
        Optional<String> module = settingsModule();
        if (module.isEmpty()) {
            sink.accept(CheckResult.fail("Settings", "manage.py sets no default DJANGO_SETTINGS_MODULE",
                    "set 'settingsModule: yourproject.settings' in sideeye.yaml"));
            sink.accept(CheckResult.skip("Health path", "needs the settings"));
            return;
        }
        Finding project = PythonProbe.probeProject(python.interpreter(), config.projectDir(), module.get(),
                config.healthPath(), childEnv);
        if (project.report() == null || project.report().hasNonNull("settingsError")) {
            String error = project.report() == null ? project.failure() : project.report().path("settingsError").asText();
            sink.accept(CheckResult.fail("Settings", module.get() + " does not load: " + error,
                    "fix the error; 'cd " + config.projectDir().toAbsolutePath().normalize() + " && " + python.interpreter()
                            + " manage.py check' shows the whole traceback"));
            sink.accept(CheckResult.skip("Health path", "needs the settings"));
            return;
        }
        sink.accept(CheckResult.ok("Settings", module.get() + " loads (django.setup() works)"));
        if (config.healthMode() != HealthMode.HTTP) {
            sink.accept(processHealth());
            return;
        }
        String view = project.report().path("healthView").isNull() ? null : project.report().path("healthView").asText(null);
        sink.accept(view != null ? CheckResult.ok("Health path", config.healthPath() + " is served by " + view)
                : CheckResult.fail("Health path", "no URL pattern matches " + config.healthPath(),
                        "add the health app ('sideeye_health' in INSTALLED_APPS and path('api/', include("
                                + "'sideeye_health.urls')) in urls.py; `sideeye init` prints the exact lines and where they"
                                + " go), or set healthPath to your health endpoint (with healthStatus or"
                                + " healthBodyContains if it does not serve the health contract), or health: tcp"));
    }

    private CheckResult processHealth() {
        return CheckResult.skip("Health path", config.healthMode() == HealthMode.TCP
                ? "health: tcp (the port accepting connections is healthy; no health endpoint is asked)"
                : "health: process (alive is healthy; no health endpoint is asked)");
    }

    private Optional<String> settingsModule() {
        if (config.settingsModule() != null) {
            return Optional.of(config.settingsModule());
        }
        return settingsDefault(config.projectDir());
    }

    /** The default {@code DJANGO_SETTINGS_MODULE} the {@code manage.py} in {@code projectDir} sets, if any. */
    public static Optional<String> settingsDefault(Path projectDir) {
        try {
            Matcher m = SETTINGS_DEFAULT.matcher(Files.readString(projectDir.resolve("manage.py")));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
