package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.output.ConfigReport;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.run.ConfigWatcher;
import io.sideeye.cli.run.LocalControlPlane;
import io.sideeye.cli.run.Supervision;
import io.sideeye.cli.runtime.OutputLogs;
import io.sideeye.cli.runtime.RuntimeDirectory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sideeye run}: supervise the backend in the foreground. */
@Command(name = RunCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the backend (or every service of the configuration, in dependency order) and keep it",
                "alive in the foreground, printing one line per event.",
                "Ctrl-C (or SIGTERM) stops it gracefully (services in reverse order); a second Ctrl-C kills it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly (Ctrl-C / SIGTERM)", "1:a service ended FAILED or did not start",
                "2:bad configuration or usage; nothing was started", "130:forced by a second Ctrl-C"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye run                                  # ./sideeye.yaml or defaults",
                "  sideeye run -c sideeye.yaml --profile dev --watch",
                "  sideeye run --project backend --port auto --dashboard",
                "  sideeye run --set healthCheckInterval=2s --json | jq .name",
                "  sideeye run --set worker.instances=3          # one service's key",
                "  sideeye run --print-config                   # merged values and their sources"})
public final class RunCommand implements Callable<Integer> {
    /** The name of the command and of its own options (the mixins name theirs). */
    static final String NAME = "run";
    static final String DASHBOARD = "--dashboard";
    static final String DASHBOARD_FALLBACK = "0";
    static final String WATCH = "--watch";
    static final String NO_LOG_FILE = "--no-log-file";
    static final String PRINT_CONFIG = "--print-config";

    @Mixin
    ConfigOptions config;

    @Mixin
    ProjectOptions project;

    @Option(names = DASHBOARD, arity = "0..1", paramLabel = "PORT", fallbackValue = DASHBOARD_FALLBACK,
            description = "Serve the browser dashboard and print its URL (random port unless given).")
    Integer dashboard;

    @Option(names = WATCH, description = "Reload the configuration file when it changes.")
    boolean watch;

    @Option(names = NO_LOG_FILE, description = {"Write no output log files (default: each service's output goes to",
            "~/.local/state/sideeye/logs/<folder>-<hash>/<service>.log unless logFile says otherwise)."})
    boolean noLogFile;

    @Option(names = PRINT_CONFIG, description = "Print the merged configuration with the source of each value, then exit.")
    boolean printConfig;

    @Mixin
    OutputOptions output;

    private final CliContext ctx;

    /** A run command in {@code ctx}. */
    public RunCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ResolvedGroup group = resolve();
        Console console = output.console(ctx);
        group.warnings().forEach(console::warn);
        if (printConfig) {
            group.validate();
            console.print(output.json() ? ConfigReport.json(group) : ConfigReport.text(group, console.style()).stripTrailing());
            return ExitCodes.OK;
        }
        if (watch && group.file() == null) {
            console.error("--watch needs a configuration file: give one with -c, SIDEEYE_CONFIG or ./sideeye.yaml");
            return ExitCodes.CONFIG;
        }
        Supervision supervision = new Supervision(ctx, console,
                new LocalControlPlane(console, RuntimeDirectory.forUser(ctx.env()), dashboard, ctx.clock()),
                ResolvedGroup::toGroup);
        return supervision.run(group, watch ? ConfigWatcher::watch : null, this::resolve);
    }

    private ResolvedGroup resolve() {
        ResolvedGroup group = config.resolve(ctx, project.flags());
        return noLogFile ? group : OutputLogs.withDefaults(group, OutputLogs.defaultDir(ctx.env(), group, ctx.workingDir()));
    }
}
