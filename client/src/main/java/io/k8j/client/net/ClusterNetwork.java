package io.k8j.client.net;

/**
 * The cluster's two address ranges (k3s's --cluster-cidr and --service-cidr): pods' addresses, which the node
 * IPAM controller splits into one subnet per node, and Services' cluster IPs, whose first address is the
 * kubernetes Service's and tenth the cluster DNS's.
 */
public record ClusterNetwork(Ipv4Cidr clusterCidr, Ipv4Cidr serviceCidr) {
    public static final ClusterNetwork DEFAULTS = new ClusterNetwork(Ipv4Cidr.parse("10.42.0.0/16"),
            Ipv4Cidr.parse("10.43.0.0/16"));

    public String kubernetesServiceIp() {
        return serviceCidr.address(1);
    }

    public String dnsServiceIp() {
        return serviceCidr.address(10);
    }
}
