package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.config.ResolvedConfig;
import io.sideeye.cli.doctor.CheckResult;
import io.sideeye.cli.doctor.Doctor;
import io.sideeye.cli.doctor.PortOwner;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.output.Style;
import io.sideeye.cli.runtime.RuntimeDirectory;
import io.sideeye.service.ServiceJson;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sideeye doctor}: preflight checks with a remedy for each failure. */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check that everything a start needs is in place, with a remedy for each failure.",
                "Checks Java, the Python interpreter and Django, the servers, manage.py, the settings,",
                "the health path, the port, and the data and runtime folders."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed (each failure says what to do)",
                "2:bad configuration or usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye doctor", "  sideeye doctor -c backend/sideeye.yaml --profile prod",
                "  sideeye doctor --project backend --json"})
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    ProjectOptions project;

    @Mixin
    OutputOptions output;

    private final CliContext ctx;

    /** A doctor command in {@code ctx}. */
    public DoctorCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ResolvedConfig resolved = config.resolve(ctx, project.flags()).service(null);
        Console console = output.console(ctx);
        resolved.warnings().forEach(console::warn);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        new Doctor(resolved, ctx.env(), RuntimeDirectory.forUser(ctx.env()).path(), new PortOwner()).run(result -> {
            total.incrementAndGet();
            if (result.status() == CheckResult.Status.FAIL) {
                failed.incrementAndGet();
            }
            console.print(output.json() ? json(result) : text(result, console.style()));
        });
        if (!output.json()) {
            int passed = total.get() - failed.get();
            console.print(failed.get() == 0 ? console.style().green("All checks passed.")
                    : console.style().red(failed.get() + " of " + total.get() + " checks failed") + " (" + passed
                    + " passed or not applicable); fix the ✘ lines above and run sideeye doctor again.");
        }
        return failed.get() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static String text(CheckResult r, Style style) {
        String mark = switch (r.status()) {
            case OK -> style.green("✔");
            case FAIL -> style.red("✘");
            case SKIP -> style.dim("–");
        };
        String line = mark + " " + String.format("%-13s", r.name()) + " "
                + (r.status() == CheckResult.Status.SKIP ? style.dim("skipped: " + r.detail()) : r.detail());
        return r.remedy() == null ? line : line + System.lineSeparator() + " ".repeat(16)
                + style.yellow("→ ") + r.remedy();
    }

    static String json(CheckResult r) {
        ObjectNode node = ServiceJson.mapper().createObjectNode();
        node.put("check", r.name());
        node.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        node.put("detail", r.detail());
        node.put("remedy", r.remedy());
        return node.toString();
    }

}
