package io.k8j.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The cluster zone as CoreDNS's kubernetes plugin serves it, a pure function of {@link ClusterState}:
 * {@code svc.ns.svc.DOMAIN} (the ClusterIPs; a headless Service's ready endpoints; a CNAME for ExternalName),
 * {@code endpoint.svc.ns.svc.DOMAIN} (by hostname or dashed address), SRV at {@code _port._proto.svc.ns.svc.DOMAIN},
 * {@code a-b-c-d.ns.pod.DOMAIN} ("pods insecure"), and PTR for ClusterIPs and endpoint addresses. Other names in the
 * domain are NXDOMAIN, names that exist without the asked type NODATA. Empty means not this zone's: the caller
 * forwards it (reverse names of addresses the cluster does not know included, as CoreDNS's fallthrough does).
 */
public final class ClusterZone {
    static final long TTL = 5;
    private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    private static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

    private final Name domain;
    private final ClusterState state;
    private final Record soa;

    public ClusterZone(String domain, ClusterState state) {
        this.domain = absolute(domain);
        this.state = state;
        this.soa = new SOARecord(this.domain, DClass.IN, TTL, child("ns.dns"), child("hostmaster"),
                1, 7200, 1800, 86400, TTL);
    }

    public Name domain() {
        return domain;
    }

    public Optional<ZoneAnswer> answer(Name qname, int type) {
        if (qname.subdomain(domain)) {
            return Optional.of(inZone(qname, type));
        }
        if (qname.subdomain(IN_ADDR_ARPA) || qname.subdomain(IP6_ARPA)) {
            return reverse(qname, type);
        }
        return Optional.empty();
    }

    /** The labels under the domain, nearest the domain first: web.ns.svc gives [svc, ns, web]. */
    private ZoneAnswer inZone(Name qname, int type) {
        int n = qname.labels() - domain.labels();
        List<String> parts = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            parts.add(qname.getLabelString(i).toLowerCase(Locale.ROOT));
        }
        if (n == 0) {
            return apex(type);
        }
        return switch (parts.get(0)) {
            case "svc" -> service(qname, type, parts);
            case "pod" -> pod(qname, type, parts);
            default -> ZoneAnswer.nxDomain(soa);
        };
    }

    private ZoneAnswer apex(int type) {
        return switch (type) {
            case Type.SOA -> ZoneAnswer.of(List.of(soa), List.of());
            case Type.NS -> ZoneAnswer.of(List.of(new NSRecord(domain, DClass.IN, TTL, child("ns.dns"))), List.of());
            default -> ZoneAnswer.noData(soa);
        };
    }

    private ZoneAnswer service(Name qname, int type, List<String> parts) {
        if (parts.size() == 1) {
            return ZoneAnswer.noData(soa);
        }
        String namespace = parts.get(1);
        if (parts.size() == 2) {
            return state.hasServices(namespace) ? ZoneAnswer.noData(soa) : ZoneAnswer.nxDomain(soa);
        }
        Service svc = state.service(namespace, parts.get(2));
        if (svc == null || parts.size() > 5) {
            return ZoneAnswer.nxDomain(soa);
        }
        if (isExternalName(svc)) {
            return parts.size() == 3
                    ? ZoneAnswer.of(List.of(new CNAMERecord(qname, DClass.IN, TTL, absolute(svc.getSpec().getExternalName()))), List.of())
                    : ZoneAnswer.nxDomain(soa);
        }
        List<ServiceBackends.Backend> backends = ServiceBackends.ready(state.endpointSlices(namespace, svc.getMetadata().getName()));
        return switch (parts.size()) {
            case 3 -> serviceName(qname, type, svc, backends);
            case 4 -> parts.get(3).startsWith("_")
                    ? protocolNode(svc, parts.get(3))
                    : endpoint(qname, type, backends, parts.get(3));
            default -> srv(qname, type, svc, backends, parts.get(4), parts.get(3));
        };
    }

    private ZoneAnswer serviceName(Name qname, int type, Service svc, List<ServiceBackends.Backend> backends) {
        if (type == Type.SRV) {
            return srv(qname, svc, backends, port -> true);
        }
        List<String> ips = isHeadless(svc) ? backends.stream().map(ServiceBackends.Backend::ip).toList() : clusterIps(svc);
        return addresses(qname, type, ips);
    }

    /** {@code _tcp.svc.ns.svc.DOMAIN}: an empty non-terminal when a port has that protocol. */
    private ZoneAnswer protocolNode(Service svc, String protocol) {
        boolean exists = svc.getSpec().getPorts().stream().anyMatch(p -> protocol.equals("_" + protocolOf(p)));
        return exists ? ZoneAnswer.noData(soa) : ZoneAnswer.nxDomain(soa);
    }

    private ZoneAnswer endpoint(Name qname, int type, List<ServiceBackends.Backend> backends, String name) {
        List<String> ips = backends.stream().filter(b -> b.name().equals(name)).map(ServiceBackends.Backend::ip).toList();
        return ips.isEmpty() ? ZoneAnswer.nxDomain(soa) : addresses(qname, type, ips);
    }

    private ZoneAnswer srv(Name qname, int type, Service svc, List<ServiceBackends.Backend> backends, String port, String protocol) {
        if (!port.startsWith("_") || !protocol.startsWith("_")) {
            return ZoneAnswer.nxDomain(soa);
        }
        ZoneAnswer found = srv(qname, svc, backends,
                p -> p.getName() != null && ("_" + p.getName()).equals(port) && ("_" + protocolOf(p)).equals(protocol));
        if (found.answer().isEmpty()) {
            return ZoneAnswer.nxDomain(soa);
        }
        return type == Type.SRV ? found : ZoneAnswer.noData(soa);
    }

    /**
     * SRV for the Service's ports that {@code wanted} accepts: to the Service's name and port, or for a headless
     * Service to each ready endpoint's name and the endpoint port of the same name; the targets' addresses go in
     * the additional section.
     */
    private ZoneAnswer srv(Name qname, Service svc, List<ServiceBackends.Backend> backends,
                           Predicate<ServicePort> wanted) {
        Name svcName = serviceName(svc);
        List<Record> answer = new ArrayList<>();
        List<Record> additional = new ArrayList<>();
        for (ServicePort port : svc.getSpec().getPorts()) {
            if (!wanted.test(port)) {
                continue;
            }
            if (!isHeadless(svc)) {
                answer.add(new SRVRecord(qname, DClass.IN, TTL, 0, 100, port.getPort(), svcName));
                clusterIps(svc).forEach(ip -> addressRecord(svcName, ip).ifPresent(additional::add));
                continue;
            }
            for (ServiceBackends.Backend b : backends) {
                Optional<EndpointPort> ep = b.ports().stream().filter(p -> sameName(p.getName(), port.getName())).findFirst();
                if (ep.isPresent() && ep.get().getPort() != null) {
                    Name target = child(b.name(), svcName);
                    answer.add(new SRVRecord(qname, DClass.IN, TTL, 0, Math.max(1, 100 / backends.size()), ep.get().getPort(), target));
                    addressRecord(target, b.ip()).ifPresent(additional::add);
                }
            }
        }
        return answer.isEmpty() ? ZoneAnswer.noData(soa) : ZoneAnswer.of(answer, additional);
    }

    /** {@code a-b-c-d.ns.pod.DOMAIN} answers a-b-c-d as an address without looking for the pod, as "pods insecure". */
    private ZoneAnswer pod(Name qname, int type, List<String> parts) {
        if (parts.size() < 3) {
            return ZoneAnswer.noData(soa);
        }
        String ip = parts.get(2).replace('-', '.');
        if (parts.size() > 3 || !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}") || addressRecord(qname, ip).isEmpty()) {
            return ZoneAnswer.nxDomain(soa);
        }
        return addresses(qname, type, List.of(ip));
    }

    /** A records for the IPv4 and AAAA for the IPv6 addresses; NODATA when none is of the asked family. */
    private ZoneAnswer addresses(Name qname, int type, List<String> ips) {
        if (type != Type.A && type != Type.AAAA && type != Type.ANY) {
            return ZoneAnswer.noData(soa);
        }
        List<Record> answer = new ArrayList<>();
        for (String ip : ips) {
            addressRecord(qname, ip).filter(r -> type == Type.ANY || r.getType() == type).ifPresent(answer::add);
        }
        return answer.isEmpty() ? ZoneAnswer.noData(soa) : ZoneAnswer.of(answer, List.of());
    }

    private Optional<ZoneAnswer> reverse(Name qname, int type) {
        InetAddress address;
        try {
            address = ReverseMap.fromName(qname);
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty(); // a partial reverse name: not an address of ours
        }
        String ip = address.getHostAddress();
        List<Record> answer = new ArrayList<>();
        for (Service svc : state.servicesWithClusterIp(ip)) {
            answer.add(new PTRRecord(qname, DClass.IN, TTL, serviceName(svc)));
        }
        for (EndpointSlice slice : state.endpointSlicesWithAddress(ip)) {
            String service = slice.getMetadata().getLabels() == null ? null
                    : slice.getMetadata().getLabels().get("kubernetes.io/service-name");
            Service svc = service == null ? null : state.service(slice.getMetadata().getNamespace(), service);
            String name = ServiceBackends.nameOf(ip, List.of(slice));
            if (svc != null && name != null) {
                Record ptr = new PTRRecord(qname, DClass.IN, TTL, child(name, serviceName(svc)));
                if (!answer.contains(ptr)) {
                    answer.add(ptr);
                }
            }
        }
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(type == Type.PTR || type == Type.ANY ? ZoneAnswer.of(answer, List.of()) : ZoneAnswer.noData(soa));
    }

    private Name serviceName(Service svc) {
        return child(svc.getMetadata().getName() + "." + svc.getMetadata().getNamespace() + ".svc");
    }

    private static Optional<Record> addressRecord(Name name, String ip) {
        InetAddress address;
        try {
            address = Address.getByAddress(ip); // literals only: an FQDN slice's names are no addresses
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.of(address instanceof Inet4Address
                ? new ARecord(name, DClass.IN, TTL, address)
                : new AAAARecord(name, DClass.IN, TTL, address));
    }

    private static List<String> clusterIps(Service svc) {
        List<String> ips = svc.getSpec().getClusterIPs();
        if (ips == null || ips.isEmpty()) {
            String ip = svc.getSpec().getClusterIP();
            return ip == null || ip.isEmpty() ? List.of() : List.of(ip);
        }
        return ips;
    }

    private static boolean isHeadless(Service svc) {
        return "None".equals(svc.getSpec().getClusterIP());
    }

    private static boolean isExternalName(Service svc) {
        return "ExternalName".equals(svc.getSpec().getType()) && svc.getSpec().getExternalName() != null;
    }

    private static String protocolOf(ServicePort p) {
        return (p.getProtocol() == null ? "TCP" : p.getProtocol()).toLowerCase(Locale.ROOT);
    }

    private static boolean sameName(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }

    private Name child(String labels) {
        return child(labels, domain);
    }

    private static Name child(String labels, Name origin) {
        try {
            return Name.fromString(labels, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + labels, e);
        }
    }

    private static Name absolute(String name) {
        return child(name.endsWith(".") ? name : name + ".", Name.root);
    }
}
