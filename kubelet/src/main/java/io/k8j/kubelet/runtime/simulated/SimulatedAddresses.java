package io.k8j.kubelet.runtime.simulated;

import java.util.BitSet;

/** Pod IPs of a simulated node: 10.42.N.1-254, N = the node's index modulo 256, as a per-node pod CIDR. */
final class SimulatedAddresses {
    private final String prefix;
    private final BitSet used = new BitSet(254);

    SimulatedAddresses(int nodeIndex) {
        this.prefix = "10.42." + Math.floorMod(nodeIndex, 256) + ".";
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
