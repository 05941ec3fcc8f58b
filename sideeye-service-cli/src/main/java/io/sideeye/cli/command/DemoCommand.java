package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.config.ConfigLoader;
import io.sideeye.config.ConfigRequest;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.run.LocalControlPlane;
import io.sideeye.cli.run.Supervision;
import io.sideeye.cli.runtime.RuntimeDirectory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sideeye demo}: the bundled reference backend with the dashboard. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the bundled SideEye backend with the browser dashboard and print its URL.",
                "The backend (backend/) gets a free port; configuration files are not read. Ctrl-C stops it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:the backend did not start or ended FAILED", "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  ./sideeye demo                     # sets up Python with Django first",
                "  sideeye demo --dashboard-port 8765 --python backend/.venv/bin/python"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--project", paramLabel = "DIR",
            description = "The backend to run (default: ./backend, else the one beside the sideeye jar).")
    Path project;

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: discovered).")
    String python;

    @Option(names = "--port", paramLabel = "N|auto", defaultValue = "auto",
            description = "Backend port (default: ${DEFAULT-VALUE}).")
    String port;

    @Option(names = "--dashboard-port", paramLabel = "N", defaultValue = "0",
            description = "Dashboard port (default: a free one).")
    int dashboardPort;

    @Mixin
    OutputOptions output;

    private final CliContext ctx;

    /** A demo command in {@code ctx}. */
    public DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Console console = output.console(ctx);
        Optional<Path> backend = project != null ? Optional.of(ctx.workingDir().resolve(project)) : findBackend();
        if (backend.isEmpty()) {
            console.error("cannot find the bundled backend: no backend/manage.py here or beside the sideeye jar;"
                    + " run it from the repository root, or give --project DIR");
            return ExitCodes.CONFIG;
        }
        List<ConfigRequest.Flag> flags = new ArrayList<>();
        flags.add(new ConfigRequest.Flag("projectDir", backend.get().toString(), "--project"));
        flags.add(new ConfigRequest.Flag("port", port, "--port"));
        flags.add(new ConfigRequest.Flag("startupTimeout", "60s", "demo"));
        if (python != null) {
            flags.add(new ConfigRequest.Flag("python", python, "--python"));
        }
        ResolvedGroup resolved = ConfigLoader.loadGroup(ConfigRequest.flagsOnly(flags, ctx.workingDir()));
        Supervision supervision = new Supervision(ctx, console,
                new LocalControlPlane(console, RuntimeDirectory.forUser(ctx.env()), dashboardPort, ctx.clock()),
                ResolvedGroup::toGroup);
        return supervision.run(resolved, null, () -> resolved);
    }

    private Optional<Path> findBackend() {
        List<Path> candidates = new ArrayList<>(List.of(ctx.workingDir().resolve("backend")));
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // <root>/sideeye-service-cli/target/sideeye-service-cli-<version>-all.jar -> <root>/backend
            if (jar.getParent() != null && jar.getParent().getParent() != null && jar.getParent().getParent().getParent() != null) {
                candidates.add(jar.getParent().getParent().getParent().resolve("backend"));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no location: only the working directory is searched
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("manage.py"))).findFirst();
    }
}
