package io.sideeye.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.doctor.CheckResult;
import io.sideeye.cli.doctor.Doctor;
import io.sideeye.cli.doctor.PortOwner;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.output.Style;
import io.sideeye.cli.runtime.RuntimeDirectory;
import io.sideeye.service.ServiceJson;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sideeye doctor}: preflight checks with a remedy for each failure. */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check that everything a start needs is in place, with a remedy for each failure.",
                "Checks Java, the Python interpreter and Django, the servers, manage.py, the settings,",
                "the health path, the port, and the data and runtime folders; with services: each service,",
                "and for a service that runs elsewhere (external:) that it answers its health endpoint."},
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
        ResolvedGroup group = config.resolve(ctx, project.flags());
        group.validate();
        Console console = output.console(ctx);
        group.warnings().forEach(console::warn);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        String[] current = {null};
        Consumer<CheckResult> sink = result -> {
            total.incrementAndGet();
            if (result.status() == CheckResult.Status.FAIL) {
                failed.incrementAndGet();
            }
            console.print(output.json() ? json(result, current[0]) : text(result, console.style()));
        };
        Path runtimeDir = RuntimeDirectory.forUser(ctx.env()).path();
        if (!group.declared()) {
            new Doctor(group.service(null), ctx.env(), runtimeDir, new PortOwner()).run(sink);
        } else {
            new Doctor(group.service(null), ctx.env(), runtimeDir, new PortOwner()).common(sink, "; services "
                    + String.join(", ", group.names()) + " (default " + group.defaultService() + ")");
            for (String name : group.names()) {
                current[0] = name;
                if (!output.json()) {
                    console.print(console.style().bold("service " + name));
                }
                new Doctor(group.service(name), ctx.env(), runtimeDir, new PortOwner()).service(sink);
            }
        }
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

    /** One check as JSON; {@code service} names the service it concerns, when the configuration has several. */
    static String json(CheckResult r, String service) {
        ObjectNode node = ServiceJson.object();
        if (service != null) {
            node.put("service", service);
        }
        node.put("check", r.name());
        node.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        node.put("detail", r.detail());
        node.put("remedy", r.remedy());
        return node.toString();
    }

}
