package io.k8j.cli;

import io.k8j.client.net.ClusterNetwork;
import io.k8j.client.net.Ipv4Cidr;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The cluster's pod and service ranges, with k3s's flags and defaults; every node and the control plane must agree. */
final class ClusterNetworkFlags {
    /** kube-apiserver's bound: a service CIDR of more than 2^20 addresses is refused. */
    private static final int MIN_SERVICE_PREFIX = 12;
    /** Room for the kube-dns Service's address, the range's tenth. */
    private static final int MAX_SERVICE_PREFIX = 28;

    @Option(names = "--cluster-cidr", defaultValue = "10.42.0.0/16", converter = Cidr.class,
            description = "IPv4 range of pod addresses; each node gets a subnet of it (default: ${DEFAULT-VALUE}).")
    Ipv4Cidr clusterCidr;

    @Option(names = "--service-cidr", defaultValue = "10.43.0.0/16", converter = Cidr.class,
            description = "IPv4 range of Service cluster IPs; its first address is the kubernetes Service's, its tenth "
                    + "cluster DNS's (default: ${DEFAULT-VALUE}).")
    Ipv4Cidr serviceCidr;

    /** The two ranges, or a startup failure saying what is wrong with them. */
    ClusterNetwork network() {
        int prefix = serviceCidr.prefix();
        if (prefix < MIN_SERVICE_PREFIX || prefix > MAX_SERVICE_PREFIX) {
            throw new StartupFailure("--service-cidr " + serviceCidr + " must have a prefix length from /" + MIN_SERVICE_PREFIX
                    + " to /" + MAX_SERVICE_PREFIX);
        }
        if (clusterCidr.overlaps(serviceCidr)) {
            throw new StartupFailure("--cluster-cidr " + clusterCidr + " and --service-cidr " + serviceCidr + " overlap");
        }
        return new ClusterNetwork(clusterCidr, serviceCidr);
    }

    /** An IPv4 CIDR (IPv6 and dual-stack are not supported yet). */
    static final class Cidr implements ITypeConverter<Ipv4Cidr> {
        @Override
        public Ipv4Cidr convert(String value) {
            try {
                return Ipv4Cidr.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not an IPv4 CIDR (a.b.c.d/n)");
            }
        }
    }
}
