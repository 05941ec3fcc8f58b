package io.sideeye.service.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SocketPortProbeTest {
    private static final String HOST = "127.0.0.1";

    private final SocketPortProbe probe = new SocketPortProbe();

    @Test
    void aListeningPortIsNotFree() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            assertThat(probe.isFree(HOST, server.getLocalPort())).isFalse();
        }
    }

    @Test
    void aPortBoundWithoutListeningIsNotFree() throws IOException {
        // Bound but not yet accepting: a connection is refused, yet the backend could not bind it.
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(HOST, 0));
            assertThat(probe.isFree(HOST, holder.getLocalPort())).isFalse();
        }
    }

    @Test
    void aClosedPortIsFree() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            port = server.getLocalPort();
        }
        assertThat(probe.isFree(HOST, port)).isTrue();
    }

    @Test
    void aPortWithConnectionsInTimeWaitIsFree() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        int port = server.getLocalPort();
        Socket client = new Socket(HOST, port);
        Socket accepted = server.accept();
        // The server side closes first, so its end of the connection lingers in TIME_WAIT.
        accepted.close();
        server.close();
        client.close();

        assertThat(probe.isFree(HOST, port)).isTrue();
    }

    @Test
    void findFreeReturnsABindablePortOnTheHost() throws IOException {
        int port = probe.findFree(HOST);

        assertThat(port).isBetween(1, 65535);
        assertThat(probe.isFree(HOST, port)).isTrue();
    }

    @Test
    void findFreePicksBelowTheEphemeralRangeAndNeverTheSamePortTwiceInARow() throws IOException {
        SocketPortProbe below = new SocketPortProbe(() -> 30_000, new AtomicInteger(4_000));

        int first = below.findFree(HOST);
        int second = below.findFree(HOST);

        assertThat(first).isBetween(SocketPortProbe.FIRST_PICKED, 29_999);
        assertThat(second).isBetween(SocketPortProbe.FIRST_PICKED, 29_999).isNotEqualTo(first);
        assertThat(probe.isFree(HOST, first)).isTrue();
    }

    @Test
    void findFreeSkipsAPortInUse() throws IOException {
        int taken = new SocketPortProbe(() -> 30_000, new AtomicInteger(5_000)).findFree(HOST);
        try (ServerSocket server = new ServerSocket(taken, 50, InetAddress.getByName(HOST))) {
            int port = new SocketPortProbe(() -> 30_000, new AtomicInteger(taken - SocketPortProbe.FIRST_PICKED))
                    .findFree(HOST);

            assertThat(port).isBetween(SocketPortProbe.FIRST_PICKED, 29_999).isNotEqualTo(server.getLocalPort());
        }
    }

    @Test
    void withoutARangeBelowTheEphemeralOneTheKernelPicks() throws IOException {
        for (int low : new int[] {0, 1_024}) {
            int port = new SocketPortProbe(() -> low, new AtomicInteger()).findFree(HOST);

            assertThat(port).isBetween(1, 65_535);
            assertThat(probe.isFree(HOST, port)).isTrue();
        }
    }

    @Test
    void anUnknownHostIsNeverFreeAndFindFreeNamesIt() {
        assertThat(probe.isFree("no-such-host.invalid", 8000)).isFalse();
        assertThatThrownBy(() -> probe.findFree("no-such-host.invalid"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-host.invalid");
    }
}
