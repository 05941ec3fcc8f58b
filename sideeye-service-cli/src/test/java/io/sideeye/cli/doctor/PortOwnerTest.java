package io.sideeye.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class PortOwnerTest {

    @Test
    void findsTheProcessListeningOnAPort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            PortOwner.Owner owner = new PortOwner().of(socket.getLocalPort()).orElseThrow();
            assertThat(owner.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(owner.commandLine()).contains("java");
            assertThat(owner.toString()).startsWith("pid " + owner.pid() + " (");
        }
    }

    @Test
    void aPortNobodyListensOnHasNoOwner() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(new PortOwner().of(port)).isEmpty();
    }
}
