package io.k8j.dns;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run cluster DNS.
 *
 * @param domain the cluster domain (kube's --cluster-domain), cluster.local
 * @param serviceIp the kube-dns Service's ClusterIP (kube's --cluster-dns), 10.43.0.10
 * @param listen where the server listens, UDP and TCP; port 0 picks a free one. The kube-dns EndpointSlice points
 *               here, so it must be an address pods reach (not the wildcard)
 * @param resolvConf the node's resolv.conf, whose nameservers get the names outside the cluster
 * @param forwardTimeout how long each upstream resolver is given
 */
public record ClusterDnsConfig(String domain, String serviceIp, InetSocketAddress listen, Path resolvConf,
                               Duration forwardTimeout) {
    public static final String DEFAULT_DOMAIN = "cluster.local";
    public static final String DEFAULT_SERVICE_IP = "10.43.0.10";
    public static final Duration DEFAULT_FORWARD_TIMEOUT = Duration.ofSeconds(2);

    public ClusterDnsConfig {
        if (listen.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("cluster DNS must listen on one address that its EndpointSlice can name, not "
                    + listen.getAddress().getHostAddress());
        }
    }
}
