package io.k8j.cri.containerd;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.k8j.client.host.HostCommand;
import io.k8j.client.net.Ipv4Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PodRoutes against the real routing table of a network namespace the test creates (never the host's): two
 * namespaces joined by a veth pair stand for two nodes on one L2 segment, with documentation addresses
 * (RFC 5737) that exist only inside them. Nodes are given as objects; no traffic is sent.
 */
class PodRoutesInNetnsTest {
    private final String nodeA = "k8j-routes-a-" + ProcessHandle.current().pid();
    private final String nodeB = "k8j-routes-b-" + ProcessHandle.current().pid();
    private final List<List<String>> guardUpdates = new ArrayList<>();
    private PodRoutes routes;

    @BeforeEach
    void createNamespaces() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for network namespaces");
        assumeTrue(HostCommand.exec(List.of("ip", "netns", "add", nodeA), null).ok(), "cannot create a network namespace");
        ip("netns", "add", nodeB);
        // The veth is created inside A, so no end of it is ever in the host's namespace.
        ip("-n", nodeA, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", nodeB);
        ip("-n", nodeA, "addr", "add", "192.0.2.1/24", "dev", "eth0");
        ip("-n", nodeB, "addr", "add", "192.0.2.2/24", "dev", "eth0");
        ip("-n", nodeA, "link", "set", "eth0", "up");
        ip("-n", nodeB, "link", "set", "eth0", "up");
        routes = new PodRoutes("a", new RouteTable(List.of("ip", "netns", "exec", nodeA), Ipv4Cidr.parse("10.244.0.0/16")),
                guardUpdates::add);
    }

    @AfterEach
    void deleteNamespaces() {
        if (routes != null) {
            HostCommand.exec(List.of("ip", "netns", "delete", nodeA), null);
            HostCommand.exec(List.of("ip", "netns", "delete", nodeB), null);
        }
    }

    private static String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return HostCommand.check(cmd, null);
    }

    private static Node node(String name, String internalIp, String podCidr) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withPodCIDR(podCidr)
                .endSpec().withNewStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
                .endStatus().build();
    }

    private List<String> podRoutesOfA() {
        return ip("-n", nodeA, "-4", "route", "show").lines().map(String::strip).filter(l -> l.startsWith("10.244.")).toList();
    }

    @Test
    void routesEachPeerOnTheSubnetThroughItsInternalIpAndRemovesThemWhenPeersGo() {
        Node a = node("a", "192.0.2.1", "10.244.0.0/24");
        Node b = node("b", "192.0.2.2", "10.244.1.0/24");
        Node far = node("far", "198.51.100.7", "10.244.2.0/24");
        Node unassigned = node("new", "192.0.2.3", null);

        routes.sync(List.of(a, b, far, unassigned));
        assertThat(podRoutesOfA()).containsExactly("10.244.1.0/24 via 192.0.2.2 dev eth0 proto static");
        assertThat(guardUpdates).last().isEqualTo(List.of("10.244.1.0/24"));

        Node c = node("c", "192.0.2.3", "10.244.3.0/24");
        routes.sync(List.of(a, c, far));
        assertThat(podRoutesOfA()).containsExactly("10.244.3.0/24 via 192.0.2.3 dev eth0 proto static");
        // b's CIDR was no longer let out before its route went
        assertThat(guardUpdates).containsSubsequence(List.of("10.244.1.0/24"), List.of(), List.of("10.244.3.0/24"));

        ip("-n", nodeA, "route", "del", "10.244.3.0/24");
        routes.sync(List.of(a, c, far));
        assertThat(podRoutesOfA()).as("a route removed by hand comes back").hasSize(1);

        routes.removeAll();
        assertThat(podRoutesOfA()).isEmpty();
        assertThat(guardUpdates).last().isEqualTo(List.of());
    }
}
