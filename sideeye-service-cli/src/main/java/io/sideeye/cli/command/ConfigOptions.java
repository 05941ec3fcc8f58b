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
    /** The option naming the configuration file, and its short form. */
    static final String CONFIG = "--config";
    static final String CONFIG_SHORT = "-c";
    /** The option naming the profile. */
    static final String PROFILE = "--profile";
    /** The option setting one configuration key (repeatable), and its short form. */
    static final String SET = "--set";
    static final String SET_SHORT = "-s";

    @Option(names = {CONFIG_SHORT, CONFIG}, paramLabel = "FILE",
            description = "Configuration file (YAML or JSON). Default: $SIDEEYE_CONFIG, else ./sideeye.yaml if present.")
    Path file;

    @Option(names = PROFILE, paramLabel = "NAME",
            description = "Profile of the file to apply (profiles: {NAME: {...}}). Default: $SIDEEYE_PROFILE.")
    String profile;

    @Option(names = {SET_SHORT, SET}, paramLabel = "[SERVICE.]KEY=VALUE",
            description = {"Set any configuration key, e.g. --set healthCheckInterval=2s (repeatable);",
                    "SERVICE.KEY sets it for one service only, e.g. --set worker.instances=2."})
    Map<String, String> set = new java.util.LinkedHashMap<>();

    /** Resolves every service's configuration with these options plus {@code extra} flag values. */
    public ResolvedGroup resolve(CliContext ctx, List<ConfigRequest.Flag> extra) {
        List<ConfigRequest.Flag> flags = new ArrayList<>();
        set.forEach((k, v) -> flags.add(new ConfigRequest.Flag(k, v, SET)));
        flags.addAll(extra);
        return ConfigLoader.loadGroup(new ConfigRequest(file, profile, flags, ctx.env(), ctx.workingDir()));
    }
}
