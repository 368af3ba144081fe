package io.k8j.dns;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the node's nameservers cluster DNS forwards to: never itself, at most three. */
class ForwarderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void leavesOutItsOwnAddressAndTheClusterDnsAddress() throws Exception {
        ResolvConf node = new ResolvConf(List.of("10.42.0.1", "10.43.0.10", "192.0.2.53"), List.of(), List.of());

        Forwarder forwarder = Forwarder.of(node, new InetSocketAddress(InetAddress.getByName("10.42.0.1"), 53), "10.43.0.10", TIMEOUT);

        assertThat(forwarder.upstreams()).containsExactly(new InetSocketAddress(InetAddress.getByName("192.0.2.53"), 53));
    }

    @Test
    void aServerOnAnotherPortOfTheSameAddressIsNotItself() throws Exception {
        ResolvConf node = new ResolvConf(List.of("127.0.0.1"), List.of(), List.of());

        Forwarder forwarder = Forwarder.of(node, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1053), "10.43.0.10", TIMEOUT);

        assertThat(forwarder.upstreams()).hasSize(1);
    }

    @Test
    void usesAtMostThreeAndSkipsHostNames() throws Exception {
        ResolvConf node = new ResolvConf(List.of("192.0.2.1", "ns.example", "192.0.2.2", "192.0.2.3", "192.0.2.4"),
                List.of(), List.of());

        Forwarder forwarder = Forwarder.of(node, new InetSocketAddress(InetAddress.getLoopbackAddress(), 53), "10.43.0.10", TIMEOUT);

        assertThat(forwarder.upstreams()).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
    }
}
