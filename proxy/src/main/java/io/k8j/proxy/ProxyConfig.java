package io.k8j.proxy;

import io.k8j.client.net.ClusterNetwork;

/**
 * What the rules need to know of the node: its name (for Local traffic policies), the cluster (pod) CIDR, whose
 * sources need no masquerade, and the service CIDR, whose unallocated addresses are refused.
 */
public record ProxyConfig(String nodeName, String clusterCidr, String serviceCidr) {
    public static ProxyConfig of(String nodeName, ClusterNetwork network) {
        return new ProxyConfig(nodeName, network.clusterCidr().toString(), network.serviceCidr().toString());
    }

    public static ProxyConfig defaults(String nodeName) {
        return of(nodeName, ClusterNetwork.DEFAULTS);
    }
}
