package io.sideeye.desktop.model;

import java.util.Locale;

/** How a status is coloured: one style class per tone, defined in the window's stylesheet. */
public enum StatusTone {
    /** Nothing running, nothing wrong (stopped). */
    IDLE,
    /** Something is in progress (starting, stopping, restarting). */
    BUSY,
    /** Running and healthy. */
    OK,
    /** Running but a health check failed. */
    WARNING,
    /** A failure the user must act on. */
    ERROR;

    /** The style class of this tone, e.g. {@code tone-ok}. */
    public String styleClass() {
        return "tone-" + name().toLowerCase(Locale.ROOT);
    }
}
