package io.k8j.kubelet.runtime.simulated;

import java.util.BitSet;

/**
 * Pod IPs of a simulated node: a per-node /24 as a pod CIDR, so that thousands of hollow nodes never share
 * one: 10.42.N.0/24 (the cluster CIDR) for node index N below 256, then 10.64.0.0/10, which stays clear of
 * the service range 10.43.0.0/16.
 */
final class SimulatedAddresses {
    private final String prefix;
    private final BitSet used = new BitSet(254);

    SimulatedAddresses(int nodeIndex) {
        if (nodeIndex < 0 || nodeIndex >= 256 + 256 * 64) {
            throw new IllegalArgumentException("node index out of range: " + nodeIndex);
        }
        int overflow = nodeIndex - 256;
        this.prefix = overflow < 0 ? "10.42." + nodeIndex + "." : "10." + (64 + overflow / 256) + "." + overflow % 256 + ".";
    }

    synchronized String allocate() {
        int i = used.nextClearBit(0);
        if (i >= 254) {
            throw new IllegalStateException("no free pod IP in " + prefix + "0/24");
        }
        used.set(i);
        return prefix + (i + 1);
    }

    synchronized void release(String ip) {
        used.clear(Integer.parseInt(ip.substring(prefix.length())) - 1);
    }
}
