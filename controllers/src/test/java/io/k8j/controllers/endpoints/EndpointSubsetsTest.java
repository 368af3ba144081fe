package io.k8j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.k8j.controllers.endpoints.Fixtures.pod;
import static io.k8j.controllers.endpoints.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointSubsetsTest {
    /** A subset written compactly: "port-name:port,..." then ready IPs and not-ready IPs. */
    record Expected(String ports, List<String> ready, List<String> notReady) {
    }

    record Case(String why, Service svc, List<Pod> pods, List<Expected> expected) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Case> cases() {
        Pod labelledOther = new PodBuilder(pod("other", "10.0.0.9", true)).editMetadata().withLabels(Map.of("app", "db")).endMetadata().build();
        Pod deleting = new PodBuilder(pod("old", "10.0.0.8", true)).editMetadata().withDeletionTimestamp("2025-01-01T00:00:00Z").endMetadata().build();
        Pod finished = new PodBuilder(pod("done", "10.0.0.7", false)).editSpec().withRestartPolicy("Never").endSpec()
                .editStatus().withPhase("Succeeded").endStatus().build();
        Service publishing = new ServiceBuilder(service("http", "8080")).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
        return Stream.of(
                new Case("ready and not-ready pods, sorted by IP", service("http", "8080"),
                        List.of(pod("b", "10.0.0.2", true), pod("a", "10.0.0.1", false), pod("c", "10.0.0.3", true)),
                        List.of(new Expected("http:8080", List.of("10.0.0.2", "10.0.0.3"), List.of("10.0.0.1")))),
                new Case("pods without an IP, unselected, deleting or finished are left out", service("http", "8080"),
                        List.of(pod("x", null, true), labelledOther, deleting, finished, pod("a", "10.0.0.1", true)),
                        List.of(new Expected("http:8080", List.of("10.0.0.1"), List.of()))),
                new Case("a named target port resolves per pod; pods serving different ports get their own subset",
                        service("http", "web"), List.of(pod("a", "10.0.0.1", true, "web", 8080), pod("b", "10.0.0.2", true, "web", 9090),
                        pod("c", "10.0.0.3", true, "web", 8080), pod("d", "10.0.0.4", true)),
                        List.of(new Expected("http:8080", List.of("10.0.0.1", "10.0.0.3"), List.of()),
                                new Expected("http:9090", List.of("10.0.0.2"), List.of()))),
                new Case("several ports, one lacking on a pod", service("http", "8080", "metrics", "prom"),
                        List.of(pod("a", "10.0.0.1", true, "prom", 9100), pod("b", "10.0.0.2", true)),
                        List.of(new Expected("http:8080", List.of("10.0.0.2"), List.of()),
                                new Expected("http:8080,metrics:9100", List.of("10.0.0.1"), List.of()))),
                new Case("publishNotReadyAddresses lists every pod as ready", publishing,
                        List.of(pod("a", "10.0.0.1", false), deleting),
                        List.of(new Expected("http:8080", List.of("10.0.0.1", "10.0.0.8"), List.of()))),
                new Case("no pods, no subsets", service("http", "8080"), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void subsets(Case c) {
        List<Expected> actual = EndpointSubsets.of(c.svc, c.pods).stream().map(EndpointSubsetsTest::compact).toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(c.expected);
    }

    @org.junit.jupiter.api.Test
    void addressesNameTheirPodNodeAndHostname() {
        Pod pod = new PodBuilder(pod("a", "10.0.0.1", true)).editSpec().withHostname("a").withSubdomain("web").endSpec().build();
        EndpointAddress address = EndpointSubsets.of(service("http", "8080"), List.of(pod)).get(0).getAddresses().get(0);
        assertThat(address.getHostname()).isEqualTo("a");
        assertThat(address.getNodeName()).isEqualTo("n1");
        assertThat(address.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(address.getTargetRef().getName()).isEqualTo("a");
        assertThat(address.getTargetRef().getUid()).isEqualTo("a-uid");
    }

    private static Expected compact(EndpointSubset s) {
        String ports = String.join(",", s.getPorts().stream().map(p -> p.getName() + ":" + p.getPort()).toList());
        return new Expected(ports, ips(s.getAddresses()), ips(s.getNotReadyAddresses()));
    }

    private static List<String> ips(List<EndpointAddress> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(EndpointAddress::getIp).toList();
    }
}
