package io.sideeye.bench;

/**
 * The floor of the CLI launch figure: a JVM that does nothing but spawn its arguments as a child
 * process (with inherited output) and wait for it.
 */
public final class SpawnOnce {
    private SpawnOnce() {}

    /** Spawns {@code args} and exits with the child's exit code. */
    public static void main(String[] args) throws Exception {
        System.exit(new ProcessBuilder(args).inheritIO().start().waitFor());
    }
}
