package io.sideeye.service.process;

/** Placeholder until implemented. */
public final class SystemProcessLauncher implements ProcessLauncher {
    public ChildProcess launch(LaunchSpec spec) { throw new UnsupportedOperationException(); }
}
