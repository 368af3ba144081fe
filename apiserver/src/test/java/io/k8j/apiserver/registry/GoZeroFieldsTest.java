package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** What Go writes without being asked: zero counters, empty structs. */
class GoZeroFieldsTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");

    private static GoZeroFields of(String group, String plural) {
        ResourceType type = ResourceCatalog.builtIn().find(group, "v1", plural).orElseThrow();
        return GoZeroFields.of(type);
    }

    @Test
    void aNewDaemonSetHasKubesStatusCounters() {
        ObjectNode ds = f.store("apps", "daemonsets").create("ns", yaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: a, image: busybox}]}
                """), WRITE);
        assertThat(ds.get("status")).isEqualTo(yaml(
                "{currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0}"));
    }

    @Test
    void aStatusWriteThatLeavesACounterOutKeepsItsZero() {
        GenericStore sets = f.store("apps", "replicasets");
        sets.create("ns", yaml("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: a, image: busybox}]}
                """), WRITE);
        ObjectNode rs = sets.get("ns", "web");
        rs.set("status", yaml("{observedGeneration: 1}"));
        ObjectNode written = sets.update("ns", "web", rs, WRITE, "status");
        assertThat(written.get("status")).isEqualTo(yaml("{observedGeneration: 1, replicas: 0}"));
    }

    @Test
    void nestedStructsAndArrayElementsAreFilledButNothingSetIsChanged() {
        ObjectNode node = yaml("status: {nodeInfo: {kubeletVersion: v1.33.0-k8j}}");
        of("", "nodes").fill(node);
        assertThat(node.at("/status/nodeInfo/kubeletVersion").asText()).isEqualTo("v1.33.0-k8j");
        assertThat(node.at("/status/nodeInfo/machineID").asText("x")).isEmpty();
        assertThat(node.at("/status/daemonEndpoints/kubeletEndpoint/Port").isInt()).isTrue();
        assertThat(node.get("spec")).isEqualTo(yaml("{}"));

        ObjectNode pod = yaml("status: {containerStatuses: [{name: c, ready: true, state: {running: {}}}]}");
        of("", "pods").fill(pod);
        assertThat(pod.at("/status/containerStatuses/0")).isEqualTo(yaml(
                "{name: c, ready: true, state: {running: {}}, lastState: {}, restartCount: 0, image: '', imageID: ''}"));

        ObjectNode slice = yaml("addressType: IPv4\nendpoints: [{addresses: [10.42.0.5]}]");
        of("discovery.k8s.io", "endpointslices").fill(slice);
        assertThat(slice.at("/endpoints/0/conditions")).isEqualTo(yaml("{}"));
        ObjectNode empty = yaml("addressType: IPv4");
        of("discovery.k8s.io", "endpointslices").fill(empty);
        assertThat(empty.get("endpoints").isArray()).isTrue();
    }
}
