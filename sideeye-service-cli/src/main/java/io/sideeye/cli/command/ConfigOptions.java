package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.config.ConfigLoader;
import io.sideeye.cli.config.ConfigRequest;
import io.sideeye.cli.config.ResolvedConfig;
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

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Set any configuration key, e.g. --set healthCheckInterval=2s (repeatable).")
    Map<String, String> set = new java.util.LinkedHashMap<>();

    /** Resolves the configuration with these options plus {@code extra} flag values. */
    public ResolvedConfig resolve(CliContext ctx, List<ConfigRequest.Flag> extra) {
        List<ConfigRequest.Flag> flags = new ArrayList<>();
        set.forEach((k, v) -> flags.add(new ConfigRequest.Flag(k, v, "--set")));
        flags.addAll(extra);
        return ConfigLoader.load(new ConfigRequest(file, profile, flags, ctx.env(), ctx.workingDir()));
    }
}
