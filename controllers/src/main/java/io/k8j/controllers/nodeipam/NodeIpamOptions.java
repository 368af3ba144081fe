package io.k8j.controllers.nodeipam;

import io.k8j.client.net.Ipv4Cidr;

/**
 * kube-controller-manager's --cluster-cidr and --node-cidr-mask-size: the range node pod CIDRs come from, and
 * their prefix length.
 */
public record NodeIpamOptions(Ipv4Cidr clusterCidr, int nodeCidrMaskSize) {
    public static final int DEFAULT_NODE_CIDR_MASK_SIZE = 24;

    /** Fails with what is wrong when the mask size does not fit the cluster CIDR. */
    public NodeIpamOptions {
        new CidrSet(clusterCidr, nodeCidrMaskSize);
    }
}
