package io.k8j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.k8j.controllers.endpoints.Fixtures.pod;
import static io.k8j.controllers.endpoints.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

class SliceEndpointsTest {
    record Case(String why, Service svc, Pod pod, boolean ready, boolean serving, boolean terminating) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Case> cases() {
        Pod terminating = new PodBuilder(pod("a", "10.0.0.1", true)).editMetadata().withDeletionTimestamp("2025-01-01T00:00:00Z")
                .endMetadata().build();
        Service publishing = new ServiceBuilder(service("http", "8080")).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
        return Stream.of(
                new Case("ready pod", service("http", "8080"), pod("a", "10.0.0.1", true), true, true, false),
                new Case("not-ready pod", service("http", "8080"), pod("a", "10.0.0.1", false), false, false, false),
                new Case("terminating pod still serving", service("http", "8080"), terminating, false, true, true),
                new Case("publishNotReadyAddresses: ready regardless", publishing, pod("a", "10.0.0.1", false), true, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conditions(Case c) {
        Map<List<EndpointPort>, List<Endpoint>> groups = SliceEndpoints.of(c.svc, List.of(c.pod));
        Endpoint e = groups.values().iterator().next().get(0);
        assertThat(e.getConditions().getReady()).isEqualTo(c.ready);
        assertThat(e.getConditions().getServing()).isEqualTo(c.serving);
        assertThat(e.getConditions().getTerminating()).isEqualTo(c.terminating);
        assertThat(e.getAddresses()).containsExactly("10.0.0.1");
        assertThat(e.getNodeName()).isEqualTo("n1");
        assertThat(e.getTargetRef().getName()).isEqualTo("a");
    }

    @org.junit.jupiter.api.Test
    void endpointsAreGroupedByTheirResolvedPorts() {
        Map<List<EndpointPort>, List<Endpoint>> groups = SliceEndpoints.of(service("http", "web"),
                List.of(pod("b", "10.0.0.2", true, "web", 8080), pod("a", "10.0.0.1", true, "web", 8080),
                        pod("c", "10.0.0.3", true, "web", 9090), pod("d", "10.0.0.4", true)));
        assertThat(groups).hasSize(2);
        assertThat(groups.entrySet()).extracting(e -> e.getKey().get(0).getPort() + "=" + e.getValue().stream()
                .map(x -> x.getTargetRef().getName()).toList()).containsExactly("8080=[a, b]", "9090=[c]");
    }
}
