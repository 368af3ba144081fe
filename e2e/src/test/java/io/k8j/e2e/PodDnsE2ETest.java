package io.k8j.e2e;

import io.k8j.dns.ResolvConf;
import io.k8j.e2e.support.ContainerdNode;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Pods' DNS on real containers (k8j server on its own containerd, kubectl 1.33): each pod's /etc/resolv.conf as its
 * dnsPolicy makes it, and cluster DNS answering a pod at the pod gateway where the kube-dns EndpointSlice points.
 * Queries go from the pod's network namespace to the node's bridge address, and only for cluster names.
 */
class PodDnsE2ETest {
    private static final String PODS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cluster-first, namespace: shop}
            spec:
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: node-default, namespace: shop}
            spec:
              dnsPolicy: Default
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: own, namespace: shop}
            spec:
              dnsPolicy: None
              dnsConfig:
                nameservers: [198.51.100.1]
                searches: [a.example]
                options: [{name: ndots, value: "2"}]
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop}
            spec:
              clusterIP: None
              selector: {app: db}
              ports: [{name: pg, port: 5432}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              serviceName: db
              replicas: 2
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                  - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
            """;
    private static ContainerdNode node;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        ContainerdNode.assumeAvailable();
        node = ContainerdNode.start("dns-node");
        kubectl = new Kubectl(Kubectl.V133, node.server().kubeconfig());
        kubectl.okWithInput(PODS, "apply", "-f", "-");
        // The StatefulSet's pods exist only once its controller made them, which kubectl wait does not wait for.
        await().atMost(Duration.ofMinutes(3)).until(() -> List.of("cluster-first", "node-default", "own", "db-0", "db-1").stream()
                .allMatch(pod -> kubectl.run("wait", "-n", "shop", "--for=condition=Ready", "pod/" + pod, "--timeout=10s").code() == 0));
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void clusterFirstPodsAskClusterDnsWithTheirNamespacesSearchPath() {
        assertThat(resolvConf("cluster-first")).isEqualTo(new ResolvConf(List.of("10.43.0.10"),
                concat(List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local"), node().searches()),
                List.of("ndots:5")));
    }

    @Test
    void defaultPodsHaveTheNodesResolvers() {
        ResolvConf pod = resolvConf("node-default");

        assertThat(pod.nameservers()).isEqualTo(node().nameservers());
        assertThat(pod.searches()).isEqualTo(node().searches());
    }

    @Test
    void nonePodsHaveTheirDnsConfigOnly() {
        assertThat(resolvConf("own")).isEqualTo(new ResolvConf(List.of("198.51.100.1"),
                List.of("a.example"), List.of("ndots:2")));
    }

    @Test
    void clusterDnsAnswersPodsWhereItsEndpointSlicePoints() {
        String endpoint = kubectl.ok("get", "endpointslice", "kube-dns", "-n", "kube-system", "-o",
                "jsonpath={.endpoints[0].addresses[0]}:{.ports[0].port}");
        assertThat(endpoint).isEqualTo("10.42.0.1:53");
        assertThat(kubectl.ok("get", "service", "kube-dns", "-n", "kube-system", "-o", "jsonpath={.spec.clusterIP}"))
                .isEqualTo("10.43.0.10");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.ok("exec", "-n", "shop", "cluster-first",
                "--", "nslookup", "kubernetes.default.svc.cluster.local.", "10.42.0.1")).contains("Address: 10.43.0.1"));
        Kubectl.Result unknown = kubectl.run("exec", "-n", "shop", "cluster-first", "--", "nslookup",
                "nothing.default.svc.cluster.local.", "10.42.0.1");
        assertThat(unknown.out() + unknown.err()).contains("NXDOMAIN");
    }

    @Test
    void statefulSetPodsResolveByTheirStableNames() {
        String ip = kubectl.ok("get", "pod", "db-1", "-n", "shop", "-o", "jsonpath={.status.podIP}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.ok("exec", "-n", "shop", "cluster-first",
                "--", "nslookup", "db-1.db.shop.svc.cluster.local.", "10.42.0.1")).contains("Address: " + ip));
    }

    /**
     * Through the kube-dns ClusterIP of the pods' resolv.conf, which kube-proxy routes to cluster DNS. Full names:
     * busybox's nslookup does not apply the search path (its resolv.conf is checked above).
     */
    @Test
    void podsResolveThroughTheKubeDnsClusterIp() {
        assumeTrue(ContainerdNode.host("iptables-save", "-t", "nat").out().contains("10.43.0.10"),
                "nothing routes the kube-dns ClusterIP (the node runs no service proxy)");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.ok("exec", "-n", "shop", "cluster-first",
                "--", "nslookup", "kubernetes.default.svc.cluster.local")).contains("Server:\t\t10.43.0.10", "Address: 10.43.0.1"));
        String ip = kubectl.ok("get", "pod", "db-0", "-n", "shop", "-o", "jsonpath={.status.podIP}");
        assertThat(kubectl.ok("exec", "-n", "shop", "cluster-first", "--", "nslookup", "db-0.db.shop.svc.cluster.local"))
                .contains("Address: " + ip);
    }

    private static ResolvConf resolvConf(String pod) {
        return ResolvConf.parse(kubectl.ok("exec", "-n", "shop", pod, "--", "cat", "/etc/resolv.conf"));
    }

    private static ResolvConf node() {
        try {
            return ResolvConf.read(Path.of("/etc/resolv.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
