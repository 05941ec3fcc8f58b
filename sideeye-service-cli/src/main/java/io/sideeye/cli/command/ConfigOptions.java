package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.config.ConfigLoader;
import io.sideeye.config.ConfigRequest;
import io.sideeye.config.ResolvedGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that choose and override the configuration: {@code -c}, {@code --profile}, {@code --set}. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (YAML or JSON). Default: $SIDEEYE_CONFIG, else ./sideeye.yaml if present.")
    Path file;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile of the file to apply (profiles: {NAME: {...}}). Default: $SIDEEYE_PROFILE.")
    String profile;

    @Option(names = {"-s", "--set"}, paramLabel = "[SERVICE.]KEY=VALUE",
            description = {"Set any configuration key, e.g. --set healthCheckInterval=2s (repeatable);",
                    "SERVICE.KEY sets it for one service only, e.g. --set worker.instances=2."})
    Map<String, String> set = new java.util.LinkedHashMap<>();

    /** Resolves every service's configuration with these options plus {@code extra} flag values. */
    public ResolvedGroup resolve(CliContext ctx, List<ConfigRequest.Flag> extra) {
        List<ConfigRequest.Flag> flags = new ArrayList<>();
        set.forEach((k, v) -> flags.add(new ConfigRequest.Flag(k, v, "--set")));
        flags.addAll(extra);
        return ConfigLoader.loadGroup(new ConfigRequest(file, profile, flags, ctx.env(), ctx.workingDir()));
    }
}
