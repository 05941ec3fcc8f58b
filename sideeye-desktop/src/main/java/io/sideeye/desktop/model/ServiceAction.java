package io.sideeye.desktop.model;

/** The lifecycle actions the window offers, each one a call on the manager. */
public enum ServiceAction {
    /** {@code start()}. */
    START("Start"),
    /** {@code stop()}. */
    STOP("Stop"),
    /** {@code restart()}. */
    RESTART("Restart"),
    /** {@code healthCheck()}. */
    HEALTH_CHECK("Health check");

    private final String label;

    ServiceAction(String label) {
        this.label = label;
    }

    /** The button text, e.g. {@code Health check}. */
    public String label() {
        return label;
    }
}
