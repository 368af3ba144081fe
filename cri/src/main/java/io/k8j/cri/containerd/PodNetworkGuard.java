package io.k8j.cri.containerd;

import io.k8j.client.net.ClusterNetwork;

import java.util.List;

import static io.k8j.client.host.HostCommand.check;
import static io.k8j.client.host.HostCommand.succeeds;

/**
 * Keeps cluster traffic on the machine: a k8j-owned iptables chain, jumped to first from OUTPUT and FORWARD,
 * that rejects packets to the cluster (pod) and service CIDRs leaving through any interface but the pod bridge
 * and loopback. Without it a pod address the bridge does not (yet) route, or a service IP that no proxy
 * captures, would follow the default route off the machine. Installed when the node starts (in one
 * iptables-restore transaction, so the chain is never half-written) and left in place while pods may run,
 * which outlive the node process; {@code k8j killall} removes it with the pods. The pod CIDRs of other nodes
 * that {@link PodRoutes} routes to (through their InternalIP) are let through.
 */
public record PodNetworkGuard(String bridge, List<String> cidrs, List<String> routedPodCidrs) {
    public static final String CHAIN = "K8J-POD-GUARD";
    private static final List<String> HOOKS = List.of("OUTPUT", "FORWARD");

    /** The guard of a node with no routes to other nodes' pods yet: the cluster's pod and service CIDRs. */
    public static PodNetworkGuard of(String bridge, ClusterNetwork network) {
        return new PodNetworkGuard(bridge, List.of(network.clusterCidr().toString(), network.serviceCidr().toString()),
                List.of());
    }

    public PodNetworkGuard withRoutedPodCidrs(List<String> podCidrs) {
        return new PodNetworkGuard(bridge, cidrs, List.copyOf(podCidrs));
    }

    /** The iptables-restore input that (re)writes the chain. */
    String rules() {
        StringBuilder b = new StringBuilder("*filter\n:" + CHAIN + " - [0:0]\n");
        b.append("-A ").append(CHAIN).append(" -o ").append(bridge).append(" -j RETURN\n");
        b.append("-A ").append(CHAIN).append(" -o lo -j RETURN\n");
        for (String cidr : routedPodCidrs) {
            b.append("-A ").append(CHAIN).append(" -d ").append(cidr)
                    .append(" -m comment --comment \"k8j: pods of another node\" -j RETURN\n");
        }
        for (String cidr : cidrs) {
            b.append("-A ").append(CHAIN).append(" -d ").append(cidr)
                    .append(" -m comment --comment \"k8j: cluster traffic stays on the node\" -j REJECT\n");
        }
        return b.append("COMMIT\n").toString();
    }

    public void install() {
        check(List.of("iptables-restore", "-w", "--noflush"), rules());
        for (String hook : HOOKS) {
            if (!succeeds(List.of("iptables", "-w", "-C", hook, "-j", CHAIN))) {
                check(List.of("iptables", "-w", "-I", hook, "1", "-j", CHAIN), null);
            }
        }
    }

    /** Removes the jumps and the chain; nothing to remove is no error. */
    public static void remove() {
        for (String hook : HOOKS) {
            while (succeeds(List.of("iptables", "-w", "-D", hook, "-j", CHAIN))) {
                // one jump removed per call; there may be more than one
            }
        }
        succeeds(List.of("iptables", "-w", "-F", CHAIN));
        succeeds(List.of("iptables", "-w", "-X", CHAIN));
    }

    public static boolean installed() {
        return succeeds(List.of("iptables", "-w", "-C", "OUTPUT", "-j", CHAIN));
    }
}
