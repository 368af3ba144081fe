package io.k8j.cli;

import io.k8j.client.net.ClusterNetwork;
import io.k8j.dns.ClusterDnsConfig;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/** {@code k8j server}'s flags for the cluster DNS it runs (the domain and address pods use are kubelet flags). */
final class ClusterDnsFlags {
    @Option(names = "--disable-dns", description = "Do not run cluster DNS (nor create the kube-dns Service).")
    boolean disabled;

    @Option(names = "--cluster-dns-bind-address", converter = FlagValues.NodeIp.class,
            description = "Where cluster DNS listens, UDP and TCP; the kube-dns EndpointSlice points there (default: the pod "
                    + "gateway, the first address of --cluster-cidr, with the containerd runtime, else the node IP).")
    String bindAddress;

    @Option(names = "--cluster-dns-port", converter = FlagValues.Port.class,
            description = "Port of cluster DNS (default: 53 with the containerd runtime, else any free port).")
    Integer port;

    /**
     * Fails with one line when the port is taken on an address the node has; an address it does not have yet (the
     * pod gateway before the first pod) is bound once it appears.
     */
    static void requirePortFree(ClusterDnsConfig config) {
        try {
            if (NetworkInterface.getByInetAddress(config.listen().getAddress()) == null) {
                return;
            }
        } catch (SocketException e) {
            return;
        }
        Ports.requireFree(config.listen().getAddress().getHostAddress(), config.listen().getPort(),
                new Ports.Listener("cluster DNS", "a DNS server", "--cluster-dns-port (or --disable-dns)", "--cluster-dns-bind-address"));
    }

    /**
     * Pods of the containerd runtime reach the node at their gateway, and the kube-dns ClusterIP is DNATed there, on
     * port 53 as kube-dns serves: the gateway of the server's own node, which as the cluster's first node gets the
     * first pod subnet (the bridge plugin gives the node the first address of its pod CIDR). Process-runtime pods
     * use the node's resolv.conf, so cluster DNS only needs to be reachable on the node: a free port keeps several
     * servers on one machine from colliding.
     */
    ClusterDnsConfig config(KubeletOptions kubelet, boolean podsInContainers, ClusterNetwork network)
            throws UnknownHostException {
        String address = bindAddress != null ? bindAddress : podsInContainers ? network.clusterCidr().address(1) : kubelet.nodeIp;
        int listenPort = port != null ? port : podsInContainers ? 53 : 0;
        return new ClusterDnsConfig(kubelet.clusterDomain, kubelet.clusterDns(network),
                new InetSocketAddress(InetAddress.getByName(address), listenPort), kubelet.resolvConf,
                ClusterDnsConfig.DEFAULT_FORWARD_TIMEOUT);
    }
}
