package io.sideeye.service.process;

/**
 * Turns the configured server preset or custom command into the argv to spawn, finding the
 * Python interpreter where needed. May run short probe processes, so it is called off the
 * supervisor thread.
 */
public interface CommandResolver {

    /**
     * @throws CommandResolutionException when no usable command can be made; its message lists
     *         what was tried and how to fix it (e.g. install Django, set {@code python})
     */
    ResolvedCommand resolve(CommandRequest request) throws CommandResolutionException;
}
