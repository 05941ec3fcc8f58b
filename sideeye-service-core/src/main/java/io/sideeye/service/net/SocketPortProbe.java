package io.sideeye.service.net;

/** Placeholder until implemented. */
public final class SocketPortProbe implements PortProbe {
    public boolean isFree(String host, int port) { throw new UnsupportedOperationException(); } public int findFree(String host) { throw new UnsupportedOperationException(); }
}
