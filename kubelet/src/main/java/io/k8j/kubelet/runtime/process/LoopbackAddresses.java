package io.k8j.kubelet.runtime.process;

import java.util.BitSet;

/**
 * Hands each pod its own loopback address, 127.B.x.y (Linux routes all of 127/8 to lo), so that pods on
 * one machine can all listen on the same port. B is per kubelet, so that several on a machine differ.
 */
final class LoopbackAddresses {
    private static final int SIZE = 256 * 254;

    private final int block;
    private final BitSet used = new BitSet(SIZE);

    LoopbackAddresses(int block) {
        if (block < 1 || block > 254) {
            throw new IllegalArgumentException("loopback block must be 1..254: " + block);
        }
        this.block = block;
    }

    synchronized String allocate() {
        int i = used.nextClearBit(0);
        if (i >= SIZE) {
            throw new IllegalStateException("no free loopback address in 127." + block + ".0.0/16");
        }
        used.set(i);
        return "127." + block + "." + (i / 254) + "." + (i % 254 + 1);
    }

    synchronized void release(String ip) {
        String[] parts = ip.split("\\.");
        used.clear(Integer.parseInt(parts[2]) * 254 + Integer.parseInt(parts[3]) - 1);
    }
}
