package io.sideeye.cli.command;

import io.sideeye.service.time.DurationText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.config.ResolvedConfig;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.selftest.SelfTest;
import io.sideeye.cli.selftest.StepResult;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceJson;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sideeye selftest [SERVICE]}: the seed's manual test against the real backend. */
@Command(name = "selftest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test the backend end to end: start, status, health, API call, monitoring, stop.",
                "Each step is printed with ✔/✘, its timing and what was seen. With services: the default",
                "service, or SERVICE (alone: the services it runs after are not started)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step passed", "1:a step failed", "2:bad configuration or usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye selftest --project backend --port auto", "  sideeye selftest -c sideeye.yaml --json",
                "  sideeye selftest web"})
public final class SelftestCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    ProjectOptions project;

    @Option(names = "--checks", paramLabel = "N", defaultValue = "3",
            description = "Periodic health checks to watch in the monitoring step (default: ${DEFAULT-VALUE}).")
    int checks;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Longest health interval used for the monitoring step (default: ${DEFAULT-VALUE});"
                    + " a shorter configured interval is kept.")
    String interval;

    @Mixin
    OutputOptions output;

    @Mixin
    ServiceArgument service;

    private final CliContext ctx;

    /** A selftest command in {@code ctx}. */
    public SelftestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ResolvedGroup group = config.resolve(ctx, project.flags());
        group.validate();
        ResolvedConfig resolved = group.service(service.name());
        Console console = output.console(ctx);
        resolved.warnings().forEach(console::warn);
        Duration cap;
        try {
            cap = io.sideeye.config.Durations.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new io.sideeye.config.ConfigException("option --interval: " + e.getMessage());
        }
        ServiceConfig base = resolved.config();
        ServiceConfig tested = base.healthCheckInterval().compareTo(cap) <= 0 ? base
                : base.toBuilder().healthCheckInterval(cap).config();
        if (!output.json()) {
            console.print(console.style().bold("sideeye selftest") + " of " + base.projectDir().toAbsolutePath().normalize()
                    + (tested == base ? "" : " (health checks every " + DurationText.format(cap) + " instead of "
                    + DurationText.format(base.healthCheckInterval()) + " for the monitoring step)"));
        }
        boolean ok = new SelfTest(tested, checks, step -> console.print(output.json() ? json(step) : text(step, console)))
                .run();
        if (!output.json()) {
            console.print(ok ? console.style().green("Self-test passed.") : console.style().red("Self-test failed")
                    + "; the ✘ step says what was seen (sideeye doctor checks the setup; docs/TROUBLESHOOTING.md explains"
                    + " each failure).");
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String text(StepResult step, Console console) {
        return (step.ok() ? console.style().green("✔") : console.style().red("✘")) + " "
                + String.format("%-19s %6d ms  ", step.step(), step.millis()) + step.data();
    }

    private static String json(StepResult step) {
        ObjectNode node = ServiceJson.object();
        node.put("step", step.step());
        node.put("ok", step.ok());
        node.put("ms", step.millis());
        node.put("data", step.data());
        return node.toString();
    }
}
