package io.k8j.cri.containerd;

import java.util.List;

import static io.k8j.client.host.HostCommand.check;
import static io.k8j.client.host.HostCommand.succeeds;

/**
 * Pods' traffic out of the cluster leaves with the node's address, as flannel's masquerade rules do: a k8j-owned
 * nat chain, jumped to from POSTROUTING, masquerades what comes from the cluster CIDR and goes anywhere outside it
 * (but multicast). Pod to pod traffic, also between nodes, keeps its source address. Written in one
 * iptables-restore transaction at every node start; {@code k8j killall} removes it.
 */
public record PodMasquerade(String clusterCidr) {
    public static final String CHAIN = "K8J-POD-MASQ";

    String rules() {
        return "*nat\n:" + CHAIN + " - [0:0]\n"
                + "-A " + CHAIN + " ! -s " + clusterCidr + " -j RETURN\n"
                + "-A " + CHAIN + " -d " + clusterCidr + " -j RETURN\n"
                + "-A " + CHAIN + " -d 224.0.0.0/4 -j RETURN\n"
                + "-A " + CHAIN + " -m comment --comment \"k8j: pod traffic leaving the cluster\" -j MASQUERADE --random-fully\n"
                + "COMMIT\n";
    }

    public void install() {
        check(List.of("iptables-restore", "-w", "--noflush"), rules());
        if (!succeeds(List.of("iptables", "-w", "-t", "nat", "-C", "POSTROUTING", "-j", CHAIN))) {
            check(List.of("iptables", "-w", "-t", "nat", "-A", "POSTROUTING", "-j", CHAIN), null);
        }
    }

    /** Removes the jump and the chain; nothing to remove is no error. */
    public static void remove() {
        while (succeeds(List.of("iptables", "-w", "-t", "nat", "-D", "POSTROUTING", "-j", CHAIN))) {
            // one jump removed per call
        }
        succeeds(List.of("iptables", "-w", "-t", "nat", "-F", CHAIN));
        succeeds(List.of("iptables", "-w", "-t", "nat", "-X", CHAIN));
    }
}
