package io.sideeye.service.net;

/**
 * A standby listener on a backend's shared port while a crashed backend is replaced: connections
 * that arrive meanwhile wait in its backlog instead of being refused, and are relayed to the new
 * backend once it serves the port.
 */
public interface PortHold {
    /** A hold that holds nothing: where the port cannot be shared, and in tests. */
    PortHold NONE = new PortHold() {
        @Override
        public int handOver() {
            return 0;
        }

        @Override
        public void close() {
        }
    };

    /**
     * The new backend serves the port: accepts the connections waiting in the backlog, closes the
     * listener, and relays each waiting connection to the port (now served by the backend alone).
     * Returns how many connections are relayed.
     */
    int handOver();

    /** Closes the listener; connections still waiting in its backlog are reset. */
    void close();
}
