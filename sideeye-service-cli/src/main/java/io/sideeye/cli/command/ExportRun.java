package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.export.ExportException;
import io.sideeye.cli.export.ExportFiles;
import io.sideeye.cli.export.ExportResult;
import io.sideeye.cli.export.Exports;
import io.sideeye.service.ServiceSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What both export commands share: the configuration, the service to export, where to put the
 * files, and how to report.
 */
abstract class ExportRun implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE",
            description = "The service to export (default: every service that runs here).")
    String service;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Write the files into DIR (created when missing). Default: print them.")
    Path out;

    @Option(names = "--base-port", paramLabel = "N", defaultValue = "" + Exports.DEFAULT_BASE_PORT,
            description = "Port for services with port auto (0); default ${DEFAULT-VALUE}.")
    int basePort;

    @Mixin
    ConfigOptions config;

    @Mixin
    ProjectOptions project;

    final CliContext ctx;

    ExportRun(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final Integer call() {
        ResolvedGroup resolved = config.resolve(ctx, project.flags());
        resolved.warnings().forEach(w -> ctx.err().println("sideeye: warning: " + w));
        if (service != null) {
            resolved.name(service); // an unknown name is a configuration error that lists the services
        }
        resolved.toGroup().close(); // checks what concerns the services together (a dependency cycle); starts nothing
        ExportResult result;
        try {
            result = export(resolved);
        } catch (ExportException e) {
            ctx.err().println("sideeye: cannot export: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        result.notes().forEach(n -> ctx.err().println("sideeye: note: " + n));
        if (out == null) {
            ExportFiles.print(result.files(), ctx.out());
            return ExitCodes.OK;
        }
        Path dir = ctx.workingDir().resolve(out);
        try {
            ExportFiles.write(result.files(), dir).forEach(p -> ctx.out().println("wrote " + p));
        } catch (UncheckedIOException e) {
            ctx.err().println("sideeye: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        nextSteps(dir, result).forEach(ctx.out()::println);
        return ExitCodes.OK;
    }

    /** The files for the resolved configuration: by default those for its services. */
    ExportResult export(ResolvedGroup resolved) {
        return export(resolved.services());
    }

    /** The files for {@code group}. */
    abstract ExportResult export(List<ServiceSpec> group);

    /** What to do with the files written into {@code dir}. */
    abstract List<String> nextSteps(Path dir, ExportResult result);
}
