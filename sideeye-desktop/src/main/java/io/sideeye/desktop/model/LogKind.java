package io.sideeye.desktop.model;

import java.util.Locale;

/** What a log line is; each kind has its own colour in the log console. */
public enum LogKind {
    /** A line the backend wrote to its standard output. */
    STDOUT,
    /** A line the backend wrote to its standard error. */
    STDERR,
    /** A lifecycle or health event of the manager. */
    EVENT,
    /** Something that needs attention but was handled (a failed health check, a warning). */
    WARNING,
    /** A failure (start failed, process error, API call without answer). */
    ERROR;

    /** The style class of this kind, e.g. {@code log-stderr}. */
    public String styleClass() {
        return "log-" + name().toLowerCase(Locale.ROOT);
    }

    /** The short tag shown before the text when the log is copied, e.g. {@code stderr}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
