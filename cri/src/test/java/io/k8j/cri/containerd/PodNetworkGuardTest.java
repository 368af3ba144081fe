package io.k8j.cri.containerd;

import io.k8j.client.host.HostCommand;
import io.k8j.client.net.ClusterNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard chain in the host's iptables: installed idempotently, rejecting cluster traffic, removed. */
class PodNetworkGuardTest {
    private final PodNetworkGuard guard = PodNetworkGuard.of("k8jtest0", ClusterNetwork.DEFAULTS);

    @AfterEach
    void remove() {
        if (HostCommand.onPath("iptables")) {
            PodNetworkGuard.remove();
        }
    }

    @Test
    void rulesLetTheBridgeAndLoopbackThroughAndRejectTheClusterCidrsElsewhere() {
        assertThat(guard.rules()).isEqualTo("""
                *filter
                :K8J-POD-GUARD - [0:0]
                -A K8J-POD-GUARD -o k8jtest0 -j RETURN
                -A K8J-POD-GUARD -o lo -j RETURN
                -A K8J-POD-GUARD -d 10.42.0.0/16 -m comment --comment "k8j: cluster traffic stays on the node" -j REJECT
                -A K8J-POD-GUARD -d 10.43.0.0/16 -m comment --comment "k8j: cluster traffic stays on the node" -j REJECT
                COMMIT
                """);
    }

    @Test
    void podCidrsOfOtherNodesWithRoutesAreLetThrough() {
        assertThat(guard.withRoutedPodCidrs(List.of("10.42.1.0/24")).rules()).contains(String.join("\n",
                "-A K8J-POD-GUARD -o lo -j RETURN",
                "-A K8J-POD-GUARD -d 10.42.1.0/24 -m comment --comment \"k8j: pods of another node\" -j RETURN",
                "-A K8J-POD-GUARD -d 10.42.0.0/16"));
    }

    @Test
    void installedOnceEvenWhenInstalledTwiceThenRemoved() throws Exception {
        Containerd.assumeAvailable();
        guard.install();
        guard.install();
        assertThat(PodNetworkGuard.installed()).isTrue();
        for (String hook : List.of("OUTPUT", "FORWARD")) {
            String rules = HostCommand.check(List.of("iptables", "-w", "-S", hook), null);
            assertThat(rules.lines().filter(l -> l.equals("-A " + hook + " -j K8J-POD-GUARD"))).hasSize(1);
        }
        // Only with the guard in place (checked just above) may a packet head for a service IP: it is rejected
        // on the host, so the connect fails at once instead of leaving through the default route.
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress("10.43.255.254", 80), 3000))
                    .isInstanceOf(ConnectException.class).isNotInstanceOf(SocketTimeoutException.class);
        }
        PodNetworkGuard.remove();
        assertThat(PodNetworkGuard.installed()).isFalse();
        assertThat(HostCommand.exec(List.of("iptables", "-w", "-S", PodNetworkGuard.CHAIN), null).ok()).isFalse();
    }
}
