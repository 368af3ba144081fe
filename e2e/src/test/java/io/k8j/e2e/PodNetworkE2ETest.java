package io.k8j.e2e;

import io.k8j.client.net.Ipv4Cidr;
import io.k8j.e2e.support.ContainerdNode;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Netns;
import io.k8j.e2e.support.NetnsNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pod network from the cluster's ranges: a k8j server with its own containerd, in a network namespace of the
 * test's ({@link NetnsNode}), started with a non-default --cluster-cidr (room for two node subnets) and
 * --service-cidr. Its node gets the first subnet from the node IPAM controller, its pods addresses from that
 * subnet; the kubernetes and kube-dns Services are in the service range; a node beyond the cluster CIDR gets
 * kube's CIDRNotAvailable event until a subnet is freed. Then a {@code k8j agent} with a containerd of its own joins
 * from a second namespace, linked to the first by a veth (one L2 segment, documentation addresses 192.0.2.0/24):
 * a pod on the server's node pings a pod on the agent's over the routes, without masquerade. All traffic stays
 * inside the two namespaces.
 */
@TestMethodOrder(OrderAnnotation.class)
class PodNetworkE2ETest {
    private static final String NODE = "podnet-node";
    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec:
              terminationGracePeriodSeconds: 0
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b}
            spec:
              terminationGracePeriodSeconds: 0
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
            """;

    private static final List<String> RANGES = List.of("--cluster-cidr", "10.244.0.0/23", "--service-cidr", "10.96.0.0/16");

    private static Netns netnsA;
    private static Netns netnsB;
    private static NetnsNode node;
    private static NetnsNode agent;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        ContainerdNode.assumeAvailable();
        netnsA = Netns.create("pn-a");
        netnsB = Netns.create("pn-b");
        netnsA.link(netnsB, "192.0.2.1/24", "192.0.2.2/24");
        List<String> flags = new ArrayList<>(RANGES);
        flags.addAll(List.of("--node-ip", "192.0.2.1", "--bind-address", "192.0.2.1"));
        node = NetnsNode.server(netnsA, NODE, flags);
        kubectl = node.kubectl();
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.run("delete", "pod", "--all", "--wait", "--timeout=60s");
            kubectl.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {agent, node, netnsB, netnsA}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    /** A field of a node, empty while there is no such node. */
    private static String node(String name, String jsonpath) {
        return kubectl.run("get", "node", name, "-o", "jsonpath=" + jsonpath).out();
    }

    @Test
    @Order(1)
    void theNodeGetsTheFirstSubnetOfTheClusterCidrAndItsPodsAddressesFromIt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> node(NODE, "{.spec.podCIDR}").equals("10.244.0.0/24"));
        assertThat(node(NODE, "{.spec.podCIDRs}")).isEqualTo("[\"10.244.0.0/24\"]");
        // The kubelet polls for its podCIDR once a second, then writes the CNI config.
        Path conflist = node.dataDir().resolve("agent/etc/cni/net.d/10-k8j.conflist");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(conflist));
        assertThat(Files.readString(conflist))
                .contains("\"subnet\" : \"10.244.0.0/24\"").contains("\"ipMasq\" : false");

        kubectl.okWithInput(PODS, "apply", "-f", "-");
        await().atMost(Duration.ofMinutes(2)).until(() -> kubectl.ok("get", "pod", "a", "b", "-o",
                "jsonpath={.items[*].status.phase}").equals("Running Running"));
        Ipv4Cidr podCidr = Ipv4Cidr.parse("10.244.0.0/24");
        String ipA = kubectl.ok("get", "pod", "a", "-o", "jsonpath={.status.podIP}");
        String ipB = kubectl.ok("get", "pod", "b", "-o", "jsonpath={.status.podIP}");
        assertThat(List.of(ipA, ipB)).allMatch(podCidr::contains).doesNotHaveDuplicates();
        // inside the test's namespace: pod to pod over the node's bridge
        assertThat(kubectl.ok("exec", "a", "--", "ping", "-c", "1", "-W", "5", ipB)).contains("1 packets received");
        assertThat(kubectl.ok("exec", "a", "--", "cat", "/etc/resolv.conf")).contains("nameserver 10.96.0.10");
        assertThat(netnsA.exec("iptables", "-w", "-t", "nat", "-S", "K8J-POD-MASQ"))
                .contains("-A K8J-POD-MASQ -d 10.244.0.0/23 -j RETURN");
    }

    @Test
    @Order(2)
    void servicesGetAddressesFromTheServiceCidr() {
        assertThat(kubectl.ok("get", "service", "kubernetes", "-o", "jsonpath={.spec.clusterIP}")).isEqualTo("10.96.0.1");
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "service", "kube-dns", "-n", "kube-system",
                "-o", "jsonpath={.spec.clusterIP}").out().equals("10.96.0.10"));
        kubectl.ok("create", "service", "clusterip", "web", "--tcp=80:80");
        assertThat(Ipv4Cidr.parse("10.96.0.0/16").contains(kubectl.ok("get", "service", "web", "-o",
                "jsonpath={.spec.clusterIP}"))).isTrue();
    }

    @Test
    @Order(3)
    void aNodeBeyondTheClusterCidrGetsCidrNotAvailableUntilASubnetIsFreed() {
        kubectl.okWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"spare-1\"}}", "create", "-f", "-");
        await().atMost(Duration.ofSeconds(30)).until(() -> node("spare-1", "{.spec.podCIDR}").equals("10.244.1.0/24"));

        kubectl.okWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"spare-2\"}}", "create", "-f", "-");
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.ok("get", "events", "-n", "default",
                "--field-selector", "involvedObject.name=spare-2,reason=CIDRNotAvailable", "-o", "jsonpath={.items[*].message}")
                .equals("Node spare-2 status is now: CIDRNotAvailable"));
        assertThat(node("spare-2", "{.spec.podCIDR}")).isEmpty();

        kubectl.ok("delete", "node", "spare-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> node("spare-2", "{.spec.podCIDR}").equals("10.244.1.0/24"));

        Kubectl.Result moved = kubectl.run("patch", "node", "spare-2", "--type", "merge", "-p",
                "{\"spec\":{\"podCIDR\":\"10.244.0.0/24\",\"podCIDRs\":[\"10.244.0.0/24\"]}}");
        assertThat(moved.code()).isNotZero();
        assertThat(moved.err()).contains("spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid");
        kubectl.ok("delete", "node", "spare-2");
    }

    @Test
    @Order(4)
    void aPodOnAnAgentOnTheSameSubnetIsReachedOverTheRouteWithoutMasquerade() {
        agent = NetnsNode.agent(netnsB, "podnet-agent", node.server().kubeconfig(), List.of("--node-ip", "192.0.2.2",
                "--cluster-cidr", "10.244.0.0/23", "--service-cidr", "10.96.0.0/16"));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> node("podnet-agent", "{.spec.podCIDR}").equals("10.244.1.0/24"));
            kubectl.okWithInput("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: far}
                    spec:
                      nodeName: podnet-agent
                      terminationGracePeriodSeconds: 0
                      containers:
                      - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
                    """, "apply", "-f", "-");
            await().atMost(Duration.ofMinutes(2)).until(() -> kubectl.ok("get", "pod", "far", "-o",
                    "jsonpath={.status.phase}").equals("Running"));
        } catch (RuntimeException e) {
            throw new AssertionError("agent log:\n" + agent.log(), e);
        }
        String far = kubectl.ok("get", "pod", "far", "-o", "jsonpath={.status.podIP}");
        assertThat(Ipv4Cidr.parse("10.244.1.0/24").contains(far)).as(far).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> netnsA.exec("ip", "route", "show", "10.244.1.0/24")
                .contains("via 192.0.2.2"));
        assertThat(netnsB.exec("ip", "route", "show", "10.244.0.0/24")).contains("via 192.0.2.1");

        assertThat(kubectl.ok("exec", "a", "--", "ping", "-c", "3", "-W", "5", far)).contains("3 packets received");
        // pod to pod across nodes: the cluster CIDR's RETURN counted the packets, MASQUERADE none
        List<String> counters = netnsA.exec("iptables", "-w", "-t", "nat", "-L", "K8J-POD-MASQ", "-n", "-v", "-x")
                .lines().map(String::strip).toList();
        assertThat(counters).anyMatch(l -> l.matches("[1-9]\\d*\\s+\\d+\\s+RETURN\\s+\\S+\\s+--\\s+\\*\\s+\\*\\s+0\\.0\\.0\\.0/0\\s+10\\.244\\.0\\.0/23.*"))
                .anyMatch(l -> l.matches("0\\s+0\\s+MASQUERADE.*"));
    }
}
