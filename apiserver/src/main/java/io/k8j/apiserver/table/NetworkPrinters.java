package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.text;

/** Services, Endpoints and EndpointSlices. */
final class NetworkPrinters {
    /** How many addresses kube lists before "+ N more...". */
    private static final int SHOWN = 3;

    private NetworkPrinters() {
    }

    static RowPrinter services() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Type", "How the service is exposed."),
                Column.string("Cluster-IP", "The IP address of the service inside the cluster."),
                Column.string("External-IP", "The addresses the service is reachable at from outside."),
                Column.string("Port(s)", "The ports the service exposes."),
                Column.AGE,
                Column.wide("Selector", "The labels of the pods the service routes to.")), (svc, now) -> {
            String clusterIp = text(at(svc, "spec", "clusterIPs").path(0));
            if (clusterIp.isEmpty()) {
                clusterIp = text(svc, "spec", "clusterIP");
            }
            return List.of(text(svc, "metadata", "name"), type(svc), Fields.orNone(clusterIp), externalIp(svc),
                    Fields.orNone(ports(at(svc, "spec", "ports"))), Fields.age(svc, now),
                    Fields.labels(at(svc, "spec", "selector")));
        });
    }

    static RowPrinter endpoints() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Endpoints", "The addresses and ports of the ready endpoints."),
                Column.AGE), (ep, now) -> List.of(text(ep, "metadata", "name"), endpointsCell(ep), Fields.age(ep, now)));
    }

    static RowPrinter endpointSlices() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("AddressType", "The type of address carried by this slice."),
                Column.string("Ports", "The network ports exposed by each endpoint."),
                Column.string("Endpoints", "The endpoint addresses in this slice."),
                Column.AGE), (slice, now) -> {
            List<String> ports = new ArrayList<>();
            for (JsonNode port : slice.path("ports")) {
                String name = text(port, "name");
                ports.add(Fields.present(port.path("port")) ? port.path("port").asText() : name.isEmpty() ? "*" : name);
            }
            List<String> addresses = new ArrayList<>();
            slice.path("endpoints").forEach(e -> addresses.addAll(Fields.strings(e.path("addresses"))));
            return List.of(text(slice, "metadata", "name"), text(slice, "addressType"), limited(ports, "<unset>"),
                    limited(addresses, "<unset>"), Fields.age(slice, now));
        });
    }

    /** Defaulting makes a missing type ClusterIP. */
    private static String type(JsonNode svc) {
        String type = text(svc, "spec", "type");
        return type.isEmpty() ? "ClusterIP" : type;
    }

    static String ports(JsonNode ports) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode p : ports) {
            String protocol = p.path("protocol").asText("TCP");
            long nodePort = p.path("nodePort").asLong(0);
            pieces.add(p.path("port").asLong() + (nodePort > 0 ? ":" + nodePort : "") + "/" + protocol);
        }
        return String.join(",", pieces);
    }

    /** Server-side tables are always wide, so load balancer addresses are not clipped. */
    static String externalIp(JsonNode svc) {
        List<String> externalIps = Fields.strings(at(svc, "spec", "externalIPs"));
        return switch (type(svc)) {
            case "ClusterIP", "NodePort" -> externalIps.isEmpty() ? Fields.NONE : String.join(",", externalIps);
            case "LoadBalancer" -> {
                TreeSet<String> lb = new TreeSet<>();
                for (JsonNode ingress : at(svc, "status", "loadBalancer", "ingress")) {
                    String address = text(ingress, "ip").isEmpty() ? text(ingress, "hostname") : text(ingress, "ip");
                    if (!address.isEmpty()) {
                        lb.add(address);
                    }
                }
                List<String> all = new ArrayList<>(lb);
                all.addAll(externalIps);
                yield all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> text(svc, "spec", "externalName");
            default -> "<unknown>";
        };
    }

    /** "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...", one entry per address and port. */
    static String endpointsCell(JsonNode ep) {
        JsonNode subsets = ep.path("subsets");
        if (subsets.isEmpty()) {
            return Fields.NONE;
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode subset : subsets) {
            List<String> ips = new ArrayList<>();
            subset.path("addresses").forEach(a -> ips.add(text(a, "ip")));
            if (subset.path("ports").isEmpty()) {
                entries.addAll(ips); // a headless service may have no ports
            }
            for (JsonNode port : subset.path("ports")) {
                ips.forEach(ip -> entries.add(hostPort(ip, port.path("port").asLong())));
            }
        }
        return limited(entries, "");
    }

    private static String hostPort(String ip, long port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static String limited(List<String> entries, String whenEmpty) {
        if (entries.size() > SHOWN) {
            return String.join(",", entries.subList(0, SHOWN)) + " + " + (entries.size() - SHOWN) + " more...";
        }
        return entries.isEmpty() ? whenEmpty : String.join(",", entries);
    }
}
