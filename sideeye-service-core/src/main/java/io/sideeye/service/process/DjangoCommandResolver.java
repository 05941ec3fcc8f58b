package io.sideeye.service.process;

/** Placeholder until implemented. */
public final class DjangoCommandResolver implements CommandResolver {
    public ResolvedCommand resolve(CommandRequest request) { throw new UnsupportedOperationException(); }
}
