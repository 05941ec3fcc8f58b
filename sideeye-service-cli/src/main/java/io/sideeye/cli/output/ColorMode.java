package io.sideeye.cli.output;

/** When to colour output: {@code auto} (on a terminal), {@code always}, {@code never}. */
public enum ColorMode { AUTO, ALWAYS, NEVER }
