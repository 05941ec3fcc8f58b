package io.sideeye.cli.doctor;

/**
 * The outcome of one doctor check.
 *
 * @param status what was found
 * @param name   the check, e.g. {@code Python}
 * @param detail what was seen (versions, paths, candidates tried)
 * @param remedy what to do about a failure, or null
 */
public record CheckResult(Status status, String name, String detail, String remedy) {

    /** Passed, failed, or not applicable to this configuration. */
    public enum Status { OK, FAIL, SKIP }

    /** A passed check. */
    public static CheckResult ok(String name, String detail) {
        return new CheckResult(Status.OK, name, detail, null);
    }

    /** A failed check and its remedy. */
    public static CheckResult fail(String name, String detail, String remedy) {
        return new CheckResult(Status.FAIL, name, detail, remedy);
    }

    /** A check that does not apply, and why. */
    public static CheckResult skip(String name, String why) {
        return new CheckResult(Status.SKIP, name, why, null);
    }
}
