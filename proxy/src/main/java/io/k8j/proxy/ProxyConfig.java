package io.k8j.proxy;

/**
 * What the rules need to know of the node: its name (for Local traffic policies), the cluster (pod) CIDR, whose
 * sources need no masquerade, and the service CIDR, whose unallocated addresses are refused.
 */
public record ProxyConfig(String nodeName, String clusterCidr, String serviceCidr) {
    public static final String DEFAULT_CLUSTER_CIDR = "10.42.0.0/16";
    public static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";

    public static ProxyConfig defaults(String nodeName) {
        return new ProxyConfig(nodeName, DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR);
    }
}
