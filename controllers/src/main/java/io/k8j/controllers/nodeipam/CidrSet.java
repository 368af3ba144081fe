package io.k8j.controllers.nodeipam;

import io.k8j.client.net.Ipv4Cidr;

import java.util.BitSet;
import java.util.Optional;

/**
 * The node pod CIDRs of a cluster CIDR, as kube's cidrset: every subnet of the node mask size is free or taken,
 * and the next one handed out is the first free one after the last handed out (round robin, so a released
 * subnet is not given to the next node at once). Thread-safe.
 */
final class CidrSet {
    /** kube's limit: more than 2^16 node subnets is refused. */
    static final int MAX_SUBNET_BITS = 16;

    private final Ipv4Cidr cluster;
    private final int nodePrefix;
    private final int count;
    private final BitSet used;
    private int next;

    CidrSet(Ipv4Cidr cluster, int nodePrefix) {
        if (nodePrefix < cluster.prefix() || nodePrefix > 32) {
            throw new IllegalArgumentException("--node-cidr-mask-size " + nodePrefix + " must be between the cluster "
                    + "CIDR's prefix (/" + cluster.prefix() + ") and 32");
        }
        if (nodePrefix - cluster.prefix() > MAX_SUBNET_BITS) {
            throw new IllegalArgumentException("--node-cidr-mask-size " + nodePrefix + " splits " + cluster + " into more than 2^"
                    + MAX_SUBNET_BITS + " node CIDRs; the difference between it and the cluster CIDR's prefix must be at most "
                    + MAX_SUBNET_BITS);
        }
        this.cluster = cluster;
        this.nodePrefix = nodePrefix;
        this.count = 1 << (nodePrefix - cluster.prefix());
        this.used = new BitSet(count);
    }

    /** The next free node CIDR, now taken; empty when every one is. */
    synchronized Optional<Ipv4Cidr> allocateNext() {
        for (int i = 0; i < count; i++) {
            int candidate = (next + i) % count;
            if (!used.get(candidate)) {
                used.set(candidate);
                next = (candidate + 1) % count;
                return Optional.of(cluster.subnet(candidate, nodePrefix));
            }
        }
        return Optional.empty();
    }

    /** Marks a node CIDR taken; false when it is no node CIDR of this set (another cluster CIDR or mask size). */
    synchronized boolean occupy(Ipv4Cidr cidr) {
        int index = index(cidr);
        if (index < 0) {
            return false;
        }
        used.set(index);
        return true;
    }

    synchronized void release(Ipv4Cidr cidr) {
        int index = index(cidr);
        if (index >= 0) {
            used.clear(index);
        }
    }

    private int index(Ipv4Cidr cidr) {
        return cidr.prefix() == nodePrefix ? (int) cluster.indexOf(cidr) : -1;
    }
}
