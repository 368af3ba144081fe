package io.k8j.kubelet.runtime.simulated;

import java.util.BitSet;

/**
 * Pod IPs of a simulated node: a per-node /24 as a pod CIDR, 10.42.N.1-254 for node index N below 256, then
 * 10.43.0.0/24 and onwards, so that thousands of hollow nodes never share one.
 */
final class SimulatedAddresses {
    private final String prefix;
    private final BitSet used = new BitSet(254);

    SimulatedAddresses(int nodeIndex) {
        if (nodeIndex < 0 || nodeIndex >= 256 * (256 - 42)) {
            throw new IllegalArgumentException("node index out of range: " + nodeIndex);
        }
        this.prefix = "10." + (42 + nodeIndex / 256) + "." + nodeIndex % 256 + ".";
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
