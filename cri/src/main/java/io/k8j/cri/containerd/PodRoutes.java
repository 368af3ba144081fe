package io.k8j.cri.containerd;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.k8j.client.net.Ipv4Cidr;
import io.k8j.cri.containerd.RouteTable.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pod network between nodes, as flannel's host-gw backend: for every other node with a spec.podCIDR and an
 * InternalIP on this node's subnet (one L2 segment, so the node itself is the next hop) a route "podCIDR via
 * InternalIP"; a node elsewhere is skipped with a log line (that needs an overlay). Routes of nodes gone or
 * changed are removed. {@code routed} is told the pod CIDRs that have routes, for the guard to let their traffic
 * leave the node: it only ever names CIDRs whose route is in place. Thread-safe.
 */
public final class PodRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PodRoutes.class);
    private static final Ipv4Cidr LOOPBACK = Ipv4Cidr.parse("127.0.0.0/8");

    private final String nodeName;
    private final RouteTable table;
    private final Consumer<List<String>> routed;
    private final Set<String> skipped = new HashSet<>();
    private List<String> announced;

    public PodRoutes(String nodeName, RouteTable table, Consumer<List<String>> routed) {
        this.nodeName = nodeName;
        this.table = table;
        this.routed = routed;
    }

    /** Brings the routes to what {@code nodes} (all of the cluster's) call for. */
    public synchronized void sync(Collection<Node> nodes) {
        Optional<String> ownIp = nodes.stream().filter(n -> nodeName.equals(n.getMetadata().getName())).findFirst()
                .flatMap(PodRoutes::internalIp);
        Optional<Ipv4Cidr> subnet = ownIp.flatMap(table::subnetOf);
        List<Route> wanted = new ArrayList<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            Optional<String> ip = internalIp(node);
            String podCidr = node.getSpec() == null ? null : node.getSpec().getPodCIDR();
            if (name.equals(nodeName) || ip.isEmpty() || podCidr == null || podCidr.isEmpty()) {
                continue;
            }
            if (subnet.isPresent() && subnet.get().contains(ip.get()) && !LOOPBACK.contains(ip.get()) && !ip.equals(ownIp)) {
                wanted.add(new Route(podCidr, ip.get()));
            } else if (skipped.add(name + " " + ip.get())) {
                LOG.info("pod routes: no route to node {}'s pods ({}): its InternalIP {} is not on this node's subnet {}",
                        name, podCidr, ip.get(), subnet.map(Ipv4Cidr::toString).orElse("(unknown)"));
            }
        }
        apply(wanted);
    }

    /** Removes every route this node has to other nodes' pods (when the node stops). */
    public synchronized void removeAll() {
        apply(List.of());
    }

    private void apply(List<Route> wanted) {
        List<Route> current = table.list();
        // The guard first narrows to the routes that stay, so no pod CIDR it lets out is ever without its route.
        announce(current.stream().filter(wanted::contains).map(Route::podCidr).toList());
        for (Route stale : current) {
            if (!wanted.contains(stale)) {
                table.delete(stale);
                LOG.info("pod routes: removed {} via {}", stale.podCidr(), stale.via());
            }
        }
        for (Route route : wanted) {
            if (!current.contains(route)) {
                table.replace(route);
                LOG.info("pod routes: {} via {}", route.podCidr(), route.via());
            }
        }
        announce(wanted.stream().map(Route::podCidr).toList());
    }

    private void announce(List<String> podCidrs) {
        List<String> sorted = podCidrs.stream().sorted().toList();
        if (!sorted.equals(announced)) {
            routed.accept(sorted);
            announced = sorted;
        }
    }

    private static Optional<String> internalIp(Node node) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).filter(a -> Ipv4Cidr.parseAddress(a) >= 0).findFirst();
    }
}
