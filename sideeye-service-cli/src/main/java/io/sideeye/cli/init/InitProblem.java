package io.sideeye.cli.init;

/**
 * Why {@code sideeye init} cannot write a configuration for a project: what it found (naming the
 * file) and what to do. Nothing has been written when it is thrown.
 */
public final class InitProblem extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what was found and the remedy, in one or more lines */
    public InitProblem(String message) {
        super(message, null, false, false);
    }
}
