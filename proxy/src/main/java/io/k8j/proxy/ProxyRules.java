package io.k8j.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.k8j.proxy.ChainNames.EXTERNAL_SERVICES;
import static io.k8j.proxy.ChainNames.FIREWALL;
import static io.k8j.proxy.ChainNames.FORWARD;
import static io.k8j.proxy.ChainNames.MARK_MASQ;
import static io.k8j.proxy.ChainNames.NODE_PORTS;
import static io.k8j.proxy.ChainNames.POSTROUTING;
import static io.k8j.proxy.ChainNames.SERVICES;

/**
 * The pure core of the proxy, kube-proxy's iptables proxier syncProxyRules: Services and EndpointSlices in, the
 * whole ruleset out. Per Service port: a ClusterIP match in K8J-SERVICES jumping to K8J-SVC-*, which balances
 * over one K8J-SEP-* per endpoint (statistic random, ClientIP affinity by the recent module) that DNATs to it;
 * NodePorts on every local address through K8J-NODEPORTS and K8J-EXT-* (K8J-SVL-* for local endpoints under
 * externalTrafficPolicy Local); traffic from outside the pod network, and a pod reaching itself (hairpin), is
 * marked for masquerade. In the filter table a port without usable endpoints is refused (REJECT, or DROP when a
 * Local policy finds none on this node, as kube), and so is any other address of the service CIDR.
 */
final class ProxyRules {
    private static final String MASQ_MARK = "0x4000/0x4000";

    private ProxyRules() {
    }

    static Ruleset build(ProxyConfig config, Collection<Service> services, Collection<EndpointSlice> slices) {
        Map<String, List<EndpointInfo>> endpoints = ServiceEndpoints.byServicePort(slices);
        TableRules nat = new TableRules("nat", SERVICES, NODE_PORTS, POSTROUTING, MARK_MASQ);
        TableRules filter = new TableRules("filter", SERVICES, EXTERNAL_SERVICES, FORWARD, FIREWALL);
        nat.rule(POSTROUTING, "-m mark ! --mark " + MASQ_MARK + " -j RETURN");
        nat.rule(POSTROUTING, "-j MARK --xor-mark 0x4000");
        nat.rule(POSTROUTING, "-m comment --comment \"k8j service traffic requiring SNAT\" -j MASQUERADE");
        nat.rule(MARK_MASQ, "-j MARK --or-mark 0x4000");
        List<ServicePortInfo> ports = services.stream().flatMap(s -> ServicePortInfo.of(s).stream())
                .sorted(Comparator.comparing(ServicePortInfo::id).thenComparing(ServicePortInfo::protocol)).toList();
        for (ServicePortInfo port : ports) {
            EndpointSelection selection = EndpointSelection.of(port, endpoints.getOrDefault(port.id(), List.of()), config.nodeName());
            new PortRules(config, port, selection, nat, filter).write();
        }
        nat.rule(SERVICES, "-m comment --comment \"k8j service nodeports; NOTE: this must be the last rule in this chain\""
                + " -m addrtype --dst-type LOCAL -j " + NODE_PORTS);
        filter.rule(SERVICES, "-d " + config.serviceCidr() + " -m comment --comment \"k8j: no Service at this address and port\""
                + " -j REJECT --reject-with icmp-port-unreachable");
        filter.rule(FORWARD, "-m conntrack --ctstate INVALID -j DROP");
        filter.rule(FORWARD, "-m comment --comment \"k8j forwarding rules\" -m mark --mark " + MASQ_MARK + " -j ACCEPT");
        filter.rule(FORWARD, "-m comment --comment \"k8j forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
        // NodePorts on 127.0.0.1 need route_localnet, which would also let outside packets to 127/8 in: kube's guard.
        filter.rule(FIREWALL, "-d 127.0.0.0/8 ! -s 127.0.0.0/8 -m comment --comment \"block incoming localnet connections\""
                + " -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");
        return new Ruleset(nat, filter);
    }

    /** The rules of one Service port. */
    private record PortRules(ProxyConfig config, ServicePortInfo port, EndpointSelection selection, TableRules nat,
                             TableRules filter) {
        void write() {
            String id = port.id();
            List<EndpointInfo> external = selection.external(port);
            String svc = ChainNames.service(port);
            if (selection.cluster().isEmpty()) {
                filter.rule(SERVICES, clusterIpMatch(refusalComment(port.internalLocal())) + refusalTarget(port.internalLocal()));
            } else {
                nat.chain(svc);
                nat.rule(SERVICES, clusterIpMatch(id + " cluster IP") + " -j " + svc);
                nat.rule(svc, "! -s " + config.clusterCidr() + " " + clusterIpMatch(id + " cluster IP") + " -j " + MARK_MASQ);
                balance(svc, selection.cluster());
            }
            if (port.nodePort() == 0) {
                return;
            }
            if (external.isEmpty()) {
                filter.rule(EXTERNAL_SERVICES, "-m addrtype --dst-type LOCAL " + nodePortMatch(refusalComment(port.externalLocal()))
                        + refusalTarget(port.externalLocal()));
            }
            if (selection.cluster().isEmpty() && external.isEmpty()) {
                return;
            }
            String ext = ChainNames.external(port);
            nat.chain(ext);
            nat.rule(NODE_PORTS, nodePortMatch(id) + " -j " + ext);
            if (!port.externalLocal()) {
                nat.rule(ext, "-m comment --comment \"masquerade traffic for " + id + " external destinations\" -j " + MARK_MASQ);
                nat.rule(ext, "-j " + svc);
                return;
            }
            if (!selection.cluster().isEmpty()) {
                nat.rule(ext, "-s " + config.clusterCidr() + " -m comment --comment \"pod traffic for " + id
                        + " external destinations\" -j " + svc);
                nat.rule(ext, "-m comment --comment \"masquerade LOCAL traffic for " + id
                        + " external destinations\" -m addrtype --src-type LOCAL -j " + MARK_MASQ);
                nat.rule(ext, "-m comment --comment \"route LOCAL traffic for " + id
                        + " external destinations\" -m addrtype --src-type LOCAL -j " + svc);
            }
            if (!external.isEmpty()) {
                String svl = ChainNames.serviceLocal(port);
                nat.chain(svl);
                nat.rule(ext, "-j " + svl);
                balance(svl, external);
            }
        }

        private String clusterIpMatch(String comment) {
            return "-d " + port.clusterIp() + "/32 -p " + port.protocol() + " -m comment --comment \"" + comment + "\" -m "
                    + port.protocol() + " --dport " + port.port();
        }

        private String nodePortMatch(String comment) {
            return "-p " + port.protocol() + " -m comment --comment \"" + comment + "\" -m " + port.protocol()
                    + " --dport " + port.nodePort();
        }

        /** kube's words for a port nobody serves: no endpoints at all, or none on this node under a Local policy. */
        private String refusalComment(boolean local) {
            return port.id() + (local ? " has no local endpoints" : " has no endpoints");
        }

        /** REJECT (connection refused at once), or DROP for a Local policy with no endpoint here, as kube. */
        private static String refusalTarget(boolean local) {
            return local ? " -j DROP" : " -j REJECT --reject-with icmp-port-unreachable";
        }

        /** Spreads new connections evenly: endpoint i of n takes 1/(n-i) of what reaches it; affinity first. */
        private void balance(String chain, List<EndpointInfo> endpoints) {
            if (port.affinitySeconds() > 0) {
                for (EndpointInfo e : endpoints) {
                    String sep = ChainNames.endpoint(port, e);
                    nat.rule(chain, comment(e) + " -m recent --name " + sep + " --mask 255.255.255.255 --rsource --rcheck --seconds "
                            + port.affinitySeconds() + " --reap -j " + sep);
                }
            }
            for (int i = 0; i < endpoints.size(); i++) {
                EndpointInfo e = endpoints.get(i);
                String sep = ChainNames.endpoint(port, e);
                int left = endpoints.size() - i;
                nat.rule(chain, comment(e) + (left > 1 ? " -m statistic --mode random --probability "
                        + String.format(Locale.ROOT, "%.10f", 1.0 / left) : "") + " -j " + sep);
                endpointChain(sep, e);
            }
        }

        private void endpointChain(String sep, EndpointInfo e) {
            if (nat.chains().contains(sep)) {
                return; // shared by the cluster and the local chain
            }
            nat.chain(sep);
            String id = port.id();
            nat.rule(sep, "-s " + e.ip() + "/32 -m comment --comment \"" + id + "\" -j " + MARK_MASQ);
            String affinity = port.affinitySeconds() > 0
                    ? " -m recent --name " + sep + " --mask 255.255.255.255 --rsource --set" : "";
            nat.rule(sep, "-p " + port.protocol() + " -m comment --comment \"" + id + "\"" + affinity + " -m " + port.protocol()
                    + " -j DNAT --to-destination " + e.address());
        }

        private String comment(EndpointInfo e) {
            return "-m comment --comment \"" + port.id() + " -> " + e.address() + "\"";
        }
    }
}
