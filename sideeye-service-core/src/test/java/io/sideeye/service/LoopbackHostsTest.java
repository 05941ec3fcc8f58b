package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names under {@code .localhost} are loopback only when they resolve to loopback addresses. */
class LoopbackHostsTest {
    private final List<String> asked = new ArrayList<>();

    private LoopbackHosts.Resolver resolving(Map<String, String[]> table) {
        return name -> {
            asked.add(name);
            String[] addresses = table.get(name);
            if (addresses == null) {
                throw new UnknownHostException(name);
            }
            InetAddress[] result = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                result[i] = InetAddress.getByName(addresses[i]);
            }
            return result;
        };
    }

    @Test
    void aLocalhostSubdomainThatResolvesToLoopbackIsLoopback() {
        var resolver = resolving(Map.of("app.localhost", new String[] {"127.0.0.1", "::1"}));

        assertThat(LoopbackHosts.isLoopback("App.localhost.", resolver)).isTrue();
        assertThat(asked).containsExactly("app.localhost");
    }

    @Test
    void aLocalhostSubdomainThatResolvesElsewhereIsNot() {
        var resolver = resolving(Map.of("app.localhost", new String[] {"127.0.0.1", "10.0.0.5"}));

        assertThat(LoopbackHosts.isLoopback("app.localhost", resolver)).isFalse();
    }

    @Test
    void aLocalhostSubdomainThatDoesNotResolveIsNot() {
        assertThat(LoopbackHosts.isLoopback("nowhere.localhost", resolving(Map.of()))).isFalse();
        assertThat(asked).containsExactly("nowhere.localhost");
    }

    @Test
    void localhostItselfAndAddressesNeedNoLookupAndOtherNamesAreNeverLookedUp() {
        var resolver = resolving(Map.of("example.com", new String[] {"127.0.0.1"}));

        assertThat(LoopbackHosts.isLoopback("localhost", resolver)).isTrue();
        assertThat(LoopbackHosts.isLoopback("127.0.0.2", resolver)).isTrue();
        assertThat(LoopbackHosts.isLoopback("[::1]", resolver)).isTrue();
        assertThat(LoopbackHosts.isLoopback("10.0.0.1", resolver)).isFalse();
        assertThat(LoopbackHosts.isLoopback("example.com", resolver)).isFalse();
        assertThat(asked).isEmpty();
    }
}
