package io.k8j.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.apiserver.pki.Kubeconfig;
import io.k8j.e2e.support.ClusterCaClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kubelet's identity (a CN=system:node:n1, O=system:nodes certificate of the cluster CA) through kubectl 1.27
 * and 1.33, against kube's Node authorizer and NodeRestriction: it reads the secret a pod bound to n1 mounts and no
 * other, writes its own Node's status but not another Node, nor the status of a pod bound elsewhere (nor deletes,
 * evicts it or asks tokens not bound to its own pods); and
 * {@code auth can-i} tells the same (its rules review is incomplete, as kube's).
 */
class NodeAuthorizerE2ETest {
    private static final String NS = "ns";
    private static Path dataDir;
    private static K8jServer server;
    private static Path kubeletKubeconfig;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("k8j-nodeauthz-");
        server = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY));
        Path pki = dataDir.resolve("pki");
        ClusterCaClient n1 = ClusterCaClient.issue(pki, dataDir.resolve("n1"), "/O=system:nodes/CN=system:node:n1");
        kubeletKubeconfig = dataDir.resolve("n1/kubeconfig");
        Kubeconfig.write(kubeletKubeconfig, server.url(), Files.readString(pki.resolve("ca.crt")),
                Files.readString(n1.cert()), Files.readString(n1.key()), "default");
        try (Kubectl admin = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            admin.ok("create", "namespace", NS);
            admin.ok("-n", NS, "create", "secret", "generic", "s1", "--from-literal=k=v");
            admin.ok("-n", NS, "create", "secret", "generic", "s2", "--from-literal=k=v");
            admin.okWithInput("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: n1}
                    ---
                    apiVersion: v1
                    kind: Node
                    metadata: {name: n2}
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: on-n1, namespace: ns}
                    spec:
                      nodeName: n1
                      containers: [{name: c, image: busybox, volumeMounts: [{name: s, mountPath: /s}]}]
                      volumes: [{name: s, secret: {secretName: s1}}]
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: on-n2, namespace: ns}
                    spec:
                      nodeName: n2
                      containers: [{name: c, image: busybox}]
                    """, "apply", "-f", "-");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void aKubeletReachesOnlyWhatItsPodsNeedAndWritesOnlyItsOwn(String binary) {
        try (Kubectl kubelet = new Kubectl(binary, kubeletKubeconfig)) {
            assertThat(kubelet.ok("-n", NS, "get", "secret", "s1", "-o", "jsonpath={.data.k}")).isEqualTo("dg==");
            // a watch of that one object, as kube's kubelet watches secrets it mounts
            assertThat(kubelet.ok("-n", NS, "get", "secrets", "--field-selector", "metadata.name=s1", "-o", "name"))
                    .isEqualTo("secret/s1\n");
            Kubectl.Result other = kubelet.run("-n", NS, "get", "secret", "s2");
            assertThat(other.code()).isEqualTo(1);
            assertThat(other.err()).isEqualTo("Error from server (Forbidden): secrets \"s2\" is forbidden: User"
                    + " \"system:node:n1\" cannot get resource \"secrets\" in API group \"\" in the namespace \"ns\":"
                    + " no relationship found between node 'n1' and this object\n");
            Kubectl.Result all = kubelet.run("-n", NS, "get", "secrets");
            assertThat(all.err()).isEqualTo("Error from server (Forbidden): secrets is forbidden: User"
                    + " \"system:node:n1\" cannot list resource \"secrets\" in API group \"\" in the namespace \"ns\":"
                    + " No Object name found\n");

            Kubectl.Result otherNode = kubelet.run("label", "node", "n2", "taken=yes");
            assertThat(otherNode.code()).isEqualTo(1);
            assertThat(otherNode.err()).isEqualTo("Error from server (Forbidden): nodes \"n2\" is forbidden: node"
                    + " \"n1\" is not allowed to modify node \"n2\"\n");
            // as a kubelet writes its status: a PUT of nodes/n1/status (a node may not read nodes/status, as in kube)
            ObjectNode node = Json.parseObject(kubelet.ok("get", "node", "n1", "-o", "json")
                    .getBytes(StandardCharsets.UTF_8));
            node.with("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                    .put("reason", "KubeletReady");
            kubelet.okWithInput(node.toString(), "replace", "--raw", "/api/v1/nodes/n1/status", "-f", "-");
            assertThat(kubelet.ok("get", "node", "n1", "-o", "jsonpath={.status.conditions[0].reason}"))
                    .isEqualTo("KubeletReady");
            ObjectNode pod = Json.parseObject(kubelet.ok("-n", NS, "get", "pod", "on-n2", "-o", "json")
                    .getBytes(StandardCharsets.UTF_8));
            pod.with("status").put("phase", "Running");
            Kubectl.Result otherPod = kubelet.runWithInput(pod.toString(), "replace", "--raw",
                    "/api/v1/namespaces/ns/pods/on-n2/status", "-f", "-");
            assertThat(otherPod.err()).isEqualTo("Error from server (Forbidden): pods \"on-n2\" is forbidden: node"
                    + " \"n1\" can only update pod status for pods with spec.nodeName set to itself\n");
            Kubectl.Result deleteOther = kubelet.run("-n", NS, "delete", "pod", "on-n2");
            assertThat(deleteOther.err()).isEqualTo("Error from server (Forbidden): pods \"on-n2\" is forbidden: node"
                    + " \"n1\" can only delete pods with spec.nodeName set to itself\n");
            Kubectl.Result evictOther = kubelet.runWithInput("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\","
                    + "\"metadata\":{\"name\":\"on-n2\",\"namespace\":\"ns\"}}", "create", "--raw",
                    "/api/v1/namespaces/ns/pods/on-n2/eviction", "-f", "-");
            assertThat(evictOther.err()).isEqualTo("Error from server (Forbidden): pods \"on-n2\" is forbidden: node"
                    + " n1 can only evict pods with spec.nodeName set to itself\n");
            // on-n1 runs as the default account, so the Node authorizer lets n1 ask for its tokens, bound to its pods
            Kubectl.Result unbound = kubelet.run("-n", NS, "create", "token", "default");
            assertThat(unbound.err()).isEqualTo("error: failed to create token: serviceaccounts \"default\" is"
                    + " forbidden: node requested token not bound to a pod\n");
            Kubectl.Result withoutUid = kubelet.run("-n", NS, "create", "token", "default", "--bound-object-kind",
                    "Pod", "--bound-object-name", "on-n2");
            assertThat(withoutUid.err()).isEqualTo("error: failed to create token: serviceaccounts \"default\" is"
                    + " forbidden: node requested token with a pod binding without a uid\n");

            assertThat(kubelet.ok("auth", "can-i", "get", "secret/s1", "-n", NS)).isEqualTo("yes\n");
            assertThat(kubelet.run("auth", "can-i", "get", "secret/s2", "-n", NS).out())
                    .isEqualTo("no - no relationship found between node 'n1' and this object\n");
            assertThat(kubelet.run("auth", "can-i", "list", "secrets", "-n", NS).out()).isEqualTo("no - No Object name found\n");
            assertThat(kubelet.ok("auth", "can-i", "patch", "nodes/status")).isEqualTo("yes\n");
            assertThat(kubelet.ok("auth", "can-i", "update", "leases.coordination.k8s.io/n1", "-n", "kube-node-lease"))
                    .isEqualTo("yes\n");
            assertThat(kubelet.run("auth", "can-i", "update", "leases.coordination.k8s.io/n2", "-n", "kube-node-lease")
                    .out()).isEqualTo("no - can only access node lease with the same name as the requesting node\n");
            // kube's Node authorizer cannot enumerate its rules, so a node's rules review says it is incomplete
            assertThat(kubelet.okWithInput("""
                    apiVersion: authorization.k8s.io/v1
                    kind: SelfSubjectRulesReview
                    spec: {namespace: ns}
                    """, "create", "--validate=false", "-f", "-", "-o",
                    "jsonpath={.status.incomplete},{.status.evaluationError}"))
                    .isEqualTo("true,node authorizer does not support user rule resolution");
        }
    }
}
