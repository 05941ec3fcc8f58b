package io.sideeye.cli;

import picocli.CommandLine;

/** Creates commands, handing each the {@link CliContext} when its constructor takes one. */
final class ContextFactory implements CommandLine.IFactory {
    private final CliContext ctx;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getDeclaredConstructor(CliContext.class).newInstance(ctx);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
    }
}
