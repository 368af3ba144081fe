package io.k8j.cli;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {
    private static final Ports.Listener KUBELET = new Ports.Listener("kubelet", "kubelet", "--kubelet-port", "--node-ip");

    @Test
    void aTakenPortIsOneLineNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree("127.0.0.1", port, KUBELET)).isInstanceOf(StartupFailure.class)
                    .hasMessage("kubelet port " + port + " is in use (another k8j or kubelet?); choose another with --kubelet-port");
        }
    }

    @Test
    void anAddressNotOnThisMachineNamesBothFlags() {
        // 192.0.2.0/24 is TEST-NET-1: never assigned to a machine, so the bind fails without sending anything.
        assertThatThrownBy(() -> Ports.requireFree("192.0.2.1", 10250, KUBELET)).isInstanceOf(StartupFailure.class)
                .hasMessageStartingWith("kubelet cannot listen on 192.0.2.1:10250 (")
                .hasMessageEndingWith("); check --node-ip and --kubelet-port");
    }

    @Test
    void aFreePortAndPortZeroPass() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatCode(() -> Ports.requireFree("127.0.0.1", port, KUBELET)).doesNotThrowAnyException();
        assertThatCode(() -> Ports.requireFree("127.0.0.1", 0, KUBELET)).doesNotThrowAnyException();
    }
}
