package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.init.InitProblem;
import io.sideeye.cli.init.InitRequest;
import io.sideeye.cli.init.Initializer;
import io.sideeye.cli.init.ProjectFacts;
import io.sideeye.cli.init.Questions;
import io.sideeye.cli.init.TerminalQuestions;
import io.sideeye.service.ServerKind;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sideeye init}: writes a commented sideeye.yaml for an existing Django project. */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a commented sideeye.yaml for an existing Django project.",
                "Finds manage.py, the settings module, the WSGI or ASGI application, the",
                "project's virtualenv and the installed servers, and checks that",
                "sideeye_health is installed and wired in (INSTALLED_APPS, urls). When",
                "something is missing it prints the lines to add, with the file and the",
                "place for each, and writes nothing. An existing file is replaced only",
                "with --force. Questions are asked only on a terminal; every answer has",
                "an option."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:sideeye.yaml written", "2:the project needs a change first (the message says which);"
                + " nothing was written"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye init                          # in the folder of manage.py",
                "  sideeye init --project ~/src/mysite --python ~/venvs/mysite/bin/python",
                "  sideeye init --server uvicorn         # the ASGI application",
                "  sideeye init --health-path /healthz/  # the project's own health URL",
                "  sideeye init --force                  # replace sideeye.yaml"})
public final class InitCommand implements Callable<Integer> {

    @Option(names = "--project", paramLabel = "DIR", description = "Django project folder (where manage.py is). Default: here.")
    Path project;

    @Option(names = "--python", paramLabel = "PATH",
            description = "Interpreter of the project. Default: the active virtualenv, <project>/.venv, venv, python3 on PATH.")
    String python;

    @Option(names = "--settings", paramLabel = "MODULE", description = "Settings module. Default: the one manage.py sets.")
    String settings;

    @Option(names = "--app", paramLabel = "MODULE:ATTR",
            description = "WSGI (or with uvicorn ASGI) application. Default: from the settings.")
    String application;

    @Option(names = "--server", paramLabel = "KIND",
            description = "auto (waitress if installed, else runserver), runserver, waitress, gunicorn, uvicorn. Default: auto.")
    ServerKind server;

    @Option(names = "--port", paramLabel = "N|auto", defaultValue = "auto", description = "Backend port. Default: auto.")
    String port;

    @Option(names = "--health-path", paramLabel = "PATH",
            description = "The project's own health URL, for a project that has one (then sideeye_health is not needed).")
    String healthPath;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "File to write. Default: <project>/sideeye.yaml.")
    Path output;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    private final CliContext ctx;

    /** An init command in {@code ctx}. */
    public InitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Path dir = project == null ? ctx.workingDir() : ctx.workingDir().resolve(project);
        Path file = output == null ? dir.resolve("sideeye.yaml") : ctx.workingDir().resolve(output);
        if (healthPath != null && !healthPath.startsWith("/")) {
            ctx.err().println("sideeye init: --health-path " + healthPath + " must start with /; nothing was written.");
            return ExitCodes.CONFIG;
        }
        String interpreter = python != null && python.contains("/") ? ctx.workingDir().resolve(python).normalize().toString()
                : python;
        Questions questions = ctx.terminal() ? TerminalQuestions.system().orElse(Questions.NONE) : Questions.NONE;
        Initializer.Result result;
        try {
            result = new Initializer(new InitRequest(dir, interpreter, settings, application, server, port, healthPath, file,
                    force, ctx.env()), questions).run();
        } catch (InitProblem problem) {
            ctx.err().println("sideeye init: " + problem.getMessage());
            return ExitCodes.CONFIG;
        }
        print(result);
        return ExitCodes.OK;
    }

    private void print(Initializer.Result result) {
        ProjectFacts f = result.facts();
        ctx.out().println("manage.py     " + f.projectDir().resolve("manage.py"));
        ctx.out().println("settings      " + f.settings() + " (" + f.settingsFile() + "; " + f.settingsOrigin() + ")");
        ctx.out().println("python        " + f.python() + " (" + f.pythonSummary() + "; " + f.pythonOrigin() + ")");
        ctx.out().println("servers       " + f.servers() + "; server " + f.server().name().toLowerCase(Locale.ROOT));
        ctx.out().println("application   " + f.application() + (f.asgi() ? " (ASGI)" : " (WSGI)"));
        ctx.out().println("health        " + f.healthPath() + " is served by " + f.healthView());
        if (!result.optional().isEmpty()) {
            ctx.out().println();
            ctx.out().println("Optional:");
            result.optional().forEach(a -> ctx.out().print(a.render()));
        }
        ctx.out().println();
        ctx.out().println("Wrote " + result.output() + ". Next: sideeye doctor, then sideeye run"
                + (result.output().getParent().equals(f.projectDir()) ? "" : " -c " + result.output()) + ".");
    }
}
