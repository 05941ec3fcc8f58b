package io.sideeye.reliability;

/** One kind of fault the chaos soak injects into the running backend. */
enum Fault {
    /** SIGKILL: the backend dies at once. */
    SIGKILL(true),
    /** SIGTERM from outside: the backend exits on its own. */
    SIGTERM(true),
    /** SIGSTOP until a health check has failed, then SIGCONT: a frozen backend. */
    SIGSTOP_SIGCONT(true),
    /** Health answers 500. */
    HEALTH_500(true),
    /** Health answers slower than the health-check timeout. */
    HEALTH_SLOW(true),
    /** Health answers JSON cut in half. */
    HEALTH_MALFORMED(true),
    /** Health names another instance: a squatter. */
    WRONG_INSTANCE(true),
    /** The backend closes its listening socket but stays alive. */
    PORT_CLOSED(true),
    /** Megabytes on stdout: the backend must stay up and answer. */
    STDOUT_FLOOD(false);

    /** True when the fault must lead to a restart (a new process). */
    final boolean restarts;

    Fault(boolean restarts) {
        this.restarts = restarts;
    }
}
