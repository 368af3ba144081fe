package io.k8j.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterZoneTest {
    private static final ClusterZone ZONE = new ClusterZone("cluster.local", new ListedClusterState(List.of(
            service("default", "web", "10.43.0.20").build(),
            service("default", "web-hl", "None").build(),
            new ServiceBuilder().withNewMetadata().withNamespace("default").withName("ext").endMetadata()
                    .withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build(),
            service("kube-system", "kube-dns", "10.43.0.10").build()), List.of(
            slice("default", "web", endpoint("10.42.0.5", null, true)),
            slice("default", "web-hl", endpoint("10.42.0.7", "web-0", true), endpoint("10.42.0.8", "web-1", true),
                    endpoint("10.42.0.9", "web-2", false), endpoint("10.42.0.10", null, true)))));

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            web.default.svc.cluster.local            | A     | NOERROR  | A 10.43.0.20
            WEB.Default.svc.cluster.local            | A     | NOERROR  | A 10.43.0.20
            web.default.svc.cluster.local            | AAAA  | NOERROR  | -
            web.default.svc.cluster.local            | TXT   | NOERROR  | -
            kube-dns.kube-system.svc.cluster.local   | A     | NOERROR  | A 10.43.0.10
            web-hl.default.svc.cluster.local         | A     | NOERROR  | A 10.42.0.7; A 10.42.0.8; A 10.42.0.10
            web-0.web-hl.default.svc.cluster.local   | A     | NOERROR  | A 10.42.0.7
            10-42-0-10.web-hl.default.svc.cluster.local | A  | NOERROR  | A 10.42.0.10
            web-2.web-hl.default.svc.cluster.local   | A     | NXDOMAIN | -
            10-42-0-5.web.default.svc.cluster.local  | A     | NOERROR  | A 10.42.0.5
            _http._tcp.web.default.svc.cluster.local | SRV   | NOERROR  | SRV 0 100 80 web.default.svc.cluster.local.
            _http._tcp.web.default.svc.cluster.local | A     | NOERROR  | -
            _dns._udp.web.default.svc.cluster.local  | SRV   | NOERROR  | SRV 0 100 53 web.default.svc.cluster.local.
            _dns._tcp.web.default.svc.cluster.local  | SRV   | NXDOMAIN | -
            _nope._tcp.web.default.svc.cluster.local | SRV   | NXDOMAIN | -
            _tcp.web.default.svc.cluster.local       | SRV   | NOERROR  | -
            _sctp.web.default.svc.cluster.local      | SRV   | NXDOMAIN | -
            web.default.svc.cluster.local            | SRV   | NOERROR  | SRV 0 100 80 web.default.svc.cluster.local.; SRV 0 100 53 web.default.svc.cluster.local.
            _http._tcp.web-hl.default.svc.cluster.local | SRV | NOERROR  | SRV 0 33 8080 web-0.web-hl.default.svc.cluster.local.; SRV 0 33 8080 web-1.web-hl.default.svc.cluster.local.; SRV 0 33 8080 10-42-0-10.web-hl.default.svc.cluster.local.
            ext.default.svc.cluster.local            | A     | NOERROR  | CNAME example.com.
            ext.default.svc.cluster.local            | AAAA  | NOERROR  | CNAME example.com.
            nothing.default.svc.cluster.local        | A     | NXDOMAIN | -
            web.nons.svc.cluster.local               | A     | NXDOMAIN | -
            a.b.web.default.svc.cluster.local        | A     | NXDOMAIN | -
            x.y._http._tcp.web.default.svc.cluster.local | A | NXDOMAIN | -
            default.svc.cluster.local                | A     | NOERROR  | -
            nons.svc.cluster.local                   | A     | NXDOMAIN | -
            svc.cluster.local                        | A     | NOERROR  | -
            other.cluster.local                      | A     | NXDOMAIN | -
            cluster.local                            | A     | NOERROR  | -
            cluster.local                            | NS    | NOERROR  | NS ns.dns.cluster.local.
            cluster.local                            | SOA   | NOERROR  | SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5
            10-42-0-99.default.pod.cluster.local     | A     | NOERROR  | A 10.42.0.99
            10-42-0-99.default.pod.cluster.local     | AAAA  | NOERROR  | -
            not-an-ip.default.pod.cluster.local      | A     | NXDOMAIN | -
            20.0.43.10.in-addr.arpa                  | PTR   | NOERROR  | PTR web.default.svc.cluster.local.
            7.0.42.10.in-addr.arpa                   | PTR   | NOERROR  | PTR web-0.web-hl.default.svc.cluster.local.
            5.0.42.10.in-addr.arpa                   | PTR   | NOERROR  | PTR 10-42-0-5.web.default.svc.cluster.local.
            20.0.43.10.in-addr.arpa                  | A     | NOERROR  | -
            """)
    void answersTheClusterDomainAsCoreDns(String name, String type, String rcode, String records) {
        ZoneAnswer answer = ZONE.answer(Name.fromConstantString(name + "."), Type.value(type)).orElseThrow();

        assertThat(Rcode.string(answer.rcode())).isEqualTo(rcode);
        List<String> expected = records == null ? List.of() : Arrays.stream(records.split(";")).map(String::trim).toList();
        assertThat(answer.answer()).extracting(r -> Type.string(r.getType()) + " " + r.rdataToString())
                .containsExactlyElementsOf(expected);
        assertThat(answer.answer()).allSatisfy(r -> assertThat(r.getName().toString()).isEqualToIgnoringCase(name + "."));
        if (answer.answer().isEmpty()) {
            assertThat(answer.authority()).extracting(Record::getType).as("negative answers carry the SOA").containsExactly(Type.SOA);
        }
    }

    @Test
    void srvAnswersCarryTheTargetsAddresses() {
        ZoneAnswer answer = ZONE.answer(Name.fromConstantString("_http._tcp.web-hl.default.svc.cluster.local."), Type.SRV).orElseThrow();

        assertThat(answer.additional()).extracting(r -> r.getName() + " " + r.rdataToString()).containsExactly(
                "web-0.web-hl.default.svc.cluster.local. 10.42.0.7", "web-1.web-hl.default.svc.cluster.local. 10.42.0.8",
                "10-42-0-10.web-hl.default.svc.cluster.local. 10.42.0.10");
    }

    @Test
    void namesOutsideTheClusterAreNotItsOwn() {
        assertThat(ZONE.answer(Name.fromConstantString("example.com."), Type.A)).isEmpty();
        assertThat(ZONE.answer(Name.fromConstantString("1.1.168.192.in-addr.arpa."), Type.PTR)).as("unknown address").isEmpty();
        assertThat(ZONE.answer(Name.fromConstantString("168.192.in-addr.arpa."), Type.PTR)).as("partial reverse name").isEmpty();
    }

    @Test
    void fqdnEndpointsAreNoAddresses() {
        ClusterZone zone = new ClusterZone("cluster.local", new ListedClusterState(List.of(service("default", "fq", "None").build()),
                List.of(slice("default", "fq", endpoint("db.example.com", null, true)))));

        ZoneAnswer answer = zone.answer(Name.fromConstantString("fq.default.svc.cluster.local."), Type.A).orElseThrow();

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.answer()).isEmpty();
    }

    @Test
    void anotherClusterDomain() {
        ClusterZone zone = new ClusterZone("k8j.test", new ListedClusterState(List.of(service("default", "web", "10.43.0.20").build()), List.of()));

        assertThat(zone.answer(Name.fromConstantString("web.default.svc.k8j.test."), Type.A).orElseThrow().answer())
                .extracting(Record::rdataToString).containsExactly("10.43.0.20");
        assertThat(zone.answer(Name.fromConstantString("web.default.svc.cluster.local."), Type.A)).isEmpty();
    }

    private static ServiceBuilder service(String namespace, String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp)
                .withClusterIPs(clusterIp.equals("None") ? List.of("None") : List.of(clusterIp))
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
                .addNewPort().withName("dns").withProtocol("UDP").withPort(53).endPort().endSpec();
    }

    private static EndpointSlice slice(String namespace, String service, io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace(namespace).withName(service + "-abc")
                .addToLabels("kubernetes.io/service-name", service).endMetadata().withAddressType("IPv4")
                .withEndpoints(endpoints).addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort().build();
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(String ip, String hostname, boolean ready) {
        return new EndpointBuilder().withAddresses(ip).withHostname(hostname).withNewConditions().withReady(ready).endConditions().build();
    }
}
