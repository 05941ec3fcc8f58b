package io.sideeye.service.process;

/**
 * Whether a resolved command lets two generations of the backend share its port, so that a
 * restart can start the new one before the old one stops; and how, or why not.
 *
 * @param supported whether the command binds its port so that a second generation can bind it too
 *                  and takes a private port of its own ({@link CommandRequest#privatePort()})
 * @param detail    how it shares the port (e.g. {@code SO_REUSEPORT through sideeye_health.serve}), or why
 *                  it cannot (e.g. {@code Django runserver binds its port alone})
 */
public record PortSharing(boolean supported, String detail) {

    /** A command that shares its port as {@code how} says. */
    public static PortSharing by(String how) {
        return new PortSharing(true, how);
    }

    /** A command that cannot share its port, because of {@code why}. */
    public static PortSharing not(String why) {
        return new PortSharing(false, why);
    }
}
