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

    /** Marks an address given out before (a sandbox adopted at start) as taken; one of another block is ignored. */
    synchronized void reserve(String ip) {
        int i = index(ip);
        if (i >= 0) {
            used.set(i);
        }
    }

    synchronized void release(String ip) {
        int i = index(ip);
        if (i >= 0) {
            used.clear(i);
        }
    }

    private int index(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4 || !parts[0].equals("127") || Integer.parseInt(parts[1]) != block) {
            return -1;
        }
        return Integer.parseInt(parts[2]) * 254 + Integer.parseInt(parts[3]) - 1;
    }
}
