package io.sideeye.cli.init;

import io.sideeye.cli.doctor.Doctor;
import io.sideeye.cli.doctor.PythonCandidates;
import io.sideeye.cli.doctor.PythonProbe;
import io.sideeye.service.ServerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code sideeye init}'s work: finds a project's manage.py, settings, interpreter, servers and
 * application, checks that {@code sideeye_health} is wired in, and writes a commented
 * {@code sideeye.yaml}. Any problem is an {@link InitProblem} thrown before anything is written.
 */
public final class Initializer {
    /** The health path of {@code sideeye_health}. */
    public static final String DEFAULT_HEALTH_PATH = "/" + Wiring.APP_PREFIX + "health/";
    private static final List<String> SERVERS = List.of("waitress", "gunicorn", "uvicorn");

    private final InitRequest request;
    private final Questions questions;
    private final Path dir;
    private final Map<String, String> childEnv;

    /** An initializer for {@code request}, asking {@code questions} what flags do not say. */
    public Initializer(InitRequest request, Questions questions) {
        this.request = request;
        this.questions = questions;
        this.dir = request.projectDir().toAbsolutePath().normalize();
        this.childEnv = Map.of("SIDEEYE_WATCHDOG", "0");
    }

    /**
     * Finds the facts and writes the file.
     *
     * @throws InitProblem when the project cannot be supervised as it is (nothing is written)
     */
    public Result run() throws InitProblem {
        requireManagePy();
        Path output = request.output().toAbsolutePath().normalize();
        if (Files.exists(output) && !request.force()) {
            throw new InitProblem(output + " already exists; nothing was written.\n"
                    + "Pass --force to replace it, or --output FILE to write another file.");
        }
        Found found = settings();
        String settings = found.value();
        String settingsFile = SettingsCandidates.fileOf(dir, settings).toString();
        PythonProbe.Finding python = python();
        boolean own = request.healthPath() != null;
        String healthPath = own ? request.healthPath() : DEFAULT_HEALTH_PATH;
        ProjectReport report = ProjectReport.inspect(python.interpreter(), dir, settings, healthPath, childEnv);
        checkLoads(report, python.interpreter(), settings, settingsFile);
        if (report.text("settingsFile") != null) {
            settingsFile = report.text("settingsFile");
        }
        String urlsError = report.text("urlsError");
        if (urlsError != null && !urlsError.contains("'sideeye_health")) {
            throw new InitProblem("the URL configuration " + report.text("rootUrlconf") + " (" + report.text("urlsFile")
                    + ") raises an error when loaded: " + urlsError + "; nothing was written.\nFix it; 'cd " + dir + " && "
                    + python.interpreter() + " manage.py check' shows the whole traceback.");
        }
        Wiring wiring = new Wiring(report, python.interpreter(), settingsFile);
        List<Addition> required = wiring.required(own);
        if (!required.isEmpty()) {
            StringBuilder text = new StringBuilder(own ? "the project needs these lines before the manager can run it"
                    : "sideeye_health is not wired into the project in " + dir)
                    .append("; nothing was written.\nAdd these lines, then run sideeye init again:\n");
            required.forEach(a -> text.append('\n').append(a.render()));
            throw new InitProblem(text.toString().stripTrailing());
        }
        String view = report.text("healthView");
        if (view == null) {
            throw new InitProblem("no URL pattern of " + report.text("urlsFile") + " matches " + healthPath
                    + (report.text("urlsError") != null ? " (" + report.text("urlsError") + ")" : "")
                    + "; nothing was written.\nGive the path of your health URL with --health-path, or leave it out"
                    + " and add sideeye_health (its URLs under path(\"api/\", ...)).");
        }
        // A project with only an ASGI application runs it under uvicorn, when uvicorn is there.
        boolean asgiOnly = request.application() == null && report.text("wsgi") == null && report.text("asgi") != null
                && python.server("uvicorn") != null;
        ServerKind server = request.server() != null ? request.server() : asgiOnly ? ServerKind.UVICORN : ServerKind.AUTO;
        String servers = servers(python, server);
        boolean asgi = server == ServerKind.UVICORN;
        String application = application(report, asgi, settings, settingsFile);
        ProjectFacts facts = new ProjectFacts(dir, python.interpreter(), originOf(python.interpreter()), python.summary(), settings,
                found.origin(), settingsFile, application, asgi, server, servers, request.port(), healthPath, view, own);
        write(output, ConfigTemplate.render(facts, output.getParent()));
        return new Result(facts, output, wiring.optional(own));
    }

    /**
     * What was found and written.
     *
     * @param facts    what was found
     * @param output   the file written
     * @param optional additions worth making, not needed to run
     */
    public record Result(ProjectFacts facts, Path output, List<Addition> optional) {
    }

    private void requireManagePy() throws InitProblem {
        if (Files.isRegularFile(dir.resolve("manage.py"))) {
            return;
        }
        StringBuilder text = new StringBuilder("no manage.py in " + dir + ": this is not the folder of a Django"
                + " project; nothing was written.\nRun sideeye init in the folder that holds manage.py, or pass"
                + " --project DIR.");
        List<Path> below = managePysBelow();
        if (!below.isEmpty()) {
            text.append("\nmanage.py is in: ");
            below.forEach(p -> text.append(p.getParent()).append(below.indexOf(p) < below.size() - 1 ? ", " : ""));
        }
        throw new InitProblem(text.toString());
    }

    private List<Path> managePysBelow() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir, 3)) {
            return paths.filter(p -> p.getFileName().toString().equals("manage.py") && Files.isRegularFile(p))
                    .sorted().limit(5).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** A value and how it was found. */
    private record Found(String value, String origin) {
    }

    private Found settings() throws InitProblem {
        if (request.settings() != null) {
            return new Found(request.settings(), "--settings");
        }
        Optional<String> fromManage = Doctor.settingsDefault(dir);
        if (fromManage.isPresent()) {
            return new Found(fromManage.get(), "read from manage.py");
        }
        List<String> found = SettingsCandidates.scan(dir);
        if (found.size() == 1) {
            return new Found(found.get(0), "the only settings module in the project; manage.py names none");
        }
        Path manage = dir.resolve("manage.py");
        if (found.isEmpty()) {
            throw new InitProblem(manage + " sets no default DJANGO_SETTINGS_MODULE and no settings.py was found in "
                    + dir + "; nothing was written.\nPass --settings MODULE (e.g. --settings mysite.settings).");
        }
        List<String> described = found.stream().map(m -> m + " (" + SettingsCandidates.fileOf(dir, m) + ")").toList();
        Optional<String> picked = questions.choose("Which settings module does the backend use?", found);
        if (picked.isPresent()) {
            return new Found(picked.get(), "chosen");
        }
        throw new InitProblem(found.size() + " candidate settings modules in " + dir + ": " + String.join(", ", described)
                + ", and " + manage + " names none; nothing was written.\nPass --settings MODULE with the one the"
                + " backend uses (e.g. --settings " + found.get(0) + ").");
    }

    private PythonProbe.Finding python() throws InitProblem {
        List<String> tried = new ArrayList<>();
        List<String[]> candidates = new ArrayList<>();
        if (request.python() != null) {
            candidates.add(new String[] {"--python", request.python()});
        } else {
            String venv = request.env().get("VIRTUAL_ENV");
            if (venv != null && Files.isExecutable(Path.of(venv, "bin", "python"))) {
                candidates.add(new String[] {"the active virtualenv", Path.of(venv, "bin", "python").toString()});
            }
            for (PythonCandidates.Candidate c : PythonCandidates.discover(dir, request.env())) {
                candidates.add(new String[] {c.label(), c.path()});
            }
        }
        for (String[] c : candidates) {
            if (c[1] == null) {
                tried.add(c[0] + ": not found");
                continue;
            }
            PythonProbe.Finding f = PythonProbe.probe(c[1], dir, childEnv);
            tried.add(c[0] + " (" + c[1] + "): " + f.summary());
            if (f.hasDjango()) {
                return f;
            }
        }
        throw new InitProblem("no Python interpreter that imports Django was found for " + dir + " (tried: "
                + String.join("; ", tried) + "); nothing was written.\n" + elsewhere()
                + "Create the project's virtualenv with Django (python3 -m venv " + dir.resolve(".venv") + " && "
                + dir.resolve(".venv/bin/pip") + " install django), or pass --python PATH.");
    }

    /** A sentence naming a well-known interpreter of this machine that has Django, or an empty string. */
    private String elsewhere() {
        for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
            if (!candidate.equals(request.python()) && Files.isExecutable(Path.of(candidate))) {
                PythonProbe.Finding f = PythonProbe.probe(candidate, dir, childEnv);
                if (f.hasDjango()) {
                    return candidate + " has Django " + f.report().path("django").asText() + ": --python " + candidate
                            + " uses it. ";
                }
            }
        }
        return "";
    }

    private String originOf(String interpreter) {
        if (request.python() != null) {
            return "--python";
        }
        Path exe = Path.of(interpreter).toAbsolutePath().normalize();
        return exe.startsWith(dir) ? dir.relativize(exe.getParent().getParent()) + " in the project"
                : exe.equals(Path.of(request.env().getOrDefault("VIRTUAL_ENV", "/nonexistent"), "bin", "python"))
                ? "the active virtualenv" : "found on PATH";
    }

    private void checkLoads(ProjectReport report, String python, String settings, String file) throws InitProblem {
        String error = report.text("settingsError");
        if (error == null) {
            return;
        }
        if (error.contains("'sideeye_health'")) {
            throw new InitProblem("the settings " + file + " name sideeye_health, but " + python
                    + " cannot import it; nothing was written.\nInstall it, then run sideeye init again:\n\n"
                    + Wiring.install(python).render().stripTrailing());
        }
        throw new InitProblem("the settings module " + settings + " (" + file + ") raises an error when loaded: "
                + error + "; nothing was written.\nFix it; 'cd " + dir + " && " + python + " manage.py check' shows the whole"
                + " traceback.");
    }

    private String servers(PythonProbe.Finding python, ServerKind server) throws InitProblem {
        Map<String, String> found = new LinkedHashMap<>();
        SERVERS.forEach(name -> found.put(name, python.server(name)));
        StringBuilder text = new StringBuilder();
        found.forEach((name, version) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(version == null ? "not installed" : version));
        String needed = server.name().toLowerCase(Locale.ROOT);
        if (found.containsKey(needed) && found.get(needed) == null) {
            throw new InitProblem("--server " + needed + ", but " + needed + " is not installed for "
                    + python.interpreter() + "; nothing was written.\nInstall it (pip install " + needed
                    + "; Debian: apt-get install python3-" + needed + "), or choose another --server (" + text + ").");
        }
        return text.toString();
    }

    private String application(ProjectReport report, boolean asgi, String settings, String settingsFile)
            throws InitProblem {
        if (request.application() != null) {
            return request.application();
        }
        String found = report.text(asgi ? "asgi" : "wsgi");
        if (found == null) {
            String kind = asgi ? "asgi" : "wsgi";
            String pkg = settings.contains(".") ? settings.substring(0, settings.lastIndexOf('.')) + "." : "";
            throw new InitProblem("no " + kind.toUpperCase(Locale.ROOT) + " application was found for " + settingsFile
                    + ": " + kind.toUpperCase(Locale.ROOT) + "_APPLICATION is unset or names a module that does not exist,"
                    + " and there is no " + kind + ".py beside the settings; nothing was written.\nPass --app"
                    + " MODULE:ATTRIBUTE (e.g. --app " + pkg + kind + ":application).");
        }
        return found;
    }

    private static void write(Path output, String text) {
        try {
            Files.createDirectories(output.getParent());
            Path temp = Files.createTempFile(output.getParent(), ".sideeye-init", ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }
}
