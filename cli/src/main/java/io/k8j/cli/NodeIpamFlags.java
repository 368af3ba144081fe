package io.k8j.cli;

import io.k8j.client.net.Ipv4Cidr;
import io.k8j.controllers.nodeipam.NodeIpamOptions;
import picocli.CommandLine.Option;

/** kube-controller-manager's size of each node's pod CIDR. */
final class NodeIpamFlags {
    @Option(names = "--node-cidr-mask-size", defaultValue = "" + NodeIpamOptions.DEFAULT_NODE_CIDR_MASK_SIZE,
            description = "Prefix length of each node's pod CIDR, a subnet of --cluster-cidr (default: ${DEFAULT-VALUE}).")
    int nodeCidrMaskSize;

    /** The node IPAM controller's settings, or a startup failure when the mask size does not fit the cluster CIDR. */
    NodeIpamOptions options(Ipv4Cidr clusterCidr) {
        try {
            return new NodeIpamOptions(clusterCidr, nodeCidrMaskSize);
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(e.getMessage());
        }
    }
}
