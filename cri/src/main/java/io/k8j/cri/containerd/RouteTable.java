package io.k8j.cri.containerd;

import io.k8j.client.host.HostCommand;
import io.k8j.client.net.Ipv4Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes to other nodes' pods in the main routing table, through {@code ip}: those inside the cluster CIDR
 * with protocol "static", which only {@link PodRoutes} adds there (the bridge's own subnet route is the
 * kernel's). {@code prefix} runs the commands elsewhere ({@code ip netns exec NAME}); empty on the node itself.
 */
public record RouteTable(List<String> prefix, Ipv4Cidr clusterCidr) {
    /** A route to a pod CIDR through a node's address. */
    public record Route(String podCidr, String via) {
    }

    public List<Route> list() {
        String out = HostCommand.check(command("ip", "-o", "-4", "route", "show", "root", clusterCidr.toString(),
                "proto", "static"), null);
        List<Route> routes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            List<String> words = List.of(line.trim().split("\\s+"));
            int via = words.indexOf("via");
            if (via > 0 && via + 1 < words.size()) {
                routes.add(new Route(words.get(0), words.get(via + 1)));
            }
        }
        return routes;
    }

    public void replace(Route route) {
        HostCommand.check(command("ip", "-4", "route", "replace", route.podCidr(), "via", route.via(), "proto", "static"), null);
    }

    public void delete(Route route) {
        HostCommand.check(command("ip", "-4", "route", "del", route.podCidr(), "via", route.via(), "proto", "static"), null);
    }

    /** The subnet of the interface that has {@code ip}: the nodes reachable without a router. */
    public Optional<Ipv4Cidr> subnetOf(String ip) {
        String out = HostCommand.check(command("ip", "-o", "-4", "addr", "show"), null);
        for (String line : out.lines().toList()) {
            List<String> words = List.of(line.trim().split("\\s+"));
            int inet = words.indexOf("inet");
            if (inet > 0 && inet + 1 < words.size() && words.get(inet + 1).startsWith(ip + "/")) {
                return Optional.of(Ipv4Cidr.parse(words.get(inet + 1)));
            }
        }
        return Optional.empty();
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
