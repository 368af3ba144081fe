package io.k8j.apiserver.admission.noderestriction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.AdmissionRequest;
import io.k8j.apiserver.registry.WriteOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NodeRestrictionTest {
    private static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    private static final ResourceType PODS = CATALOG.find("", "v1", "pods").orElseThrow();
    private static final ResourceType NODES = CATALOG.find("", "v1", "nodes").orElseThrow();
    private static final ResourceType LEASES = CATALOG.find("coordination.k8s.io", "v1", "leases").orElseThrow();
    private static final String MIRROR = """
            metadata:
              name: static-n1
              namespace: kube-system
              annotations: {kubernetes.io/config.mirror: abc}
              ownerReferences: [{apiVersion: v1, kind: Node, name: n1, uid: u1, controller: true}]
            spec: {nodeName: n1, containers: [{name: c, image: i}]}
            """;

    private final NodeRestriction restriction = new NodeRestriction(
            name -> name.equals("n1") ? yaml("metadata: {name: n1, uid: u1}") : null);

    @Test
    void aNodeWritesOnlyItsOwnNodeAndNotItsTaintsOrRestrictedLabels() {
        ObjectNode own = yaml("metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}\nspec: {taints: [{key: a, effect: NoSchedule}]}");
        assertThatCode(() -> restriction.admit(create(NODES, own, "system:node:n1"))).doesNotThrowAnyException();
        assertThat(refusal(create(NODES, yaml("metadata: {name: n2}"), "system:node:n1")))
                .isEqualTo("nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\"");
        assertThat(refusal(create(NODES, yaml("metadata: {name: n1, labels: {node-role.kubernetes.io/control-plane: 'true',"
                + " node-restriction.kubernetes.io/x: y, node.kubernetes.io/ok: y, example.com/ok: y}}"), "system:node:n1")))
                .isEqualTo("nodes \"n1\" is forbidden: node \"n1\" is not allowed to set the following labels: "
                        + "node-restriction.kubernetes.io/x, node-role.kubernetes.io/control-plane");
        ObjectNode untainted = own.deepCopy();
        untainted.with("spec").remove("taints");
        assertThat(refusal(update(NODES, untainted, own, null, "system:node:n1")))
                .isEqualTo("nodes \"n1\" is forbidden: node \"n1\" is not allowed to modify taints");
        ObjectNode relabelled = own.deepCopy();
        relabelled.with("metadata").with("labels").put("kubernetes.io/role", "master");
        assertThat(refusal(update(NODES, relabelled, own, null, "system:node:n1")))
                .isEqualTo("nodes \"n1\" is forbidden: is not allowed to modify labels: kubernetes.io/role");
        // anyone else is not this plugin's concern
        assertThatCode(() -> restriction.admit(update(NODES, relabelled, own, null, "bob"))).doesNotThrowAnyException();
    }

    @Test
    void aNodeUpdatesTheStatusOnlyOfItsOwnPods() {
        ObjectNode pod = yaml("metadata: {name: x, namespace: ns}\nspec: {nodeName: n2}");
        assertThat(refusal(update(PODS, pod, pod, "status", "system:node:n1"))).isEqualTo("pods \"x\" is forbidden: "
                + "node \"n1\" can only update pod status for pods with spec.nodeName set to itself");
        assertThatCode(() -> restriction.admit(update(PODS, pod, pod, "status", "system:node:n2"))).doesNotThrowAnyException();
        assertThat(refusal(update(PODS, pod, pod, null, "system:node:n2"))).isEqualTo("pods \"x\" is forbidden: "
                + "unexpected operation \"UPDATE\", node \"n2\" can only create and delete mirror pods");
    }

    @Test
    void aNodeCreatesOnlyMirrorPodsOfItsOwnThatNameNoSecrets() {
        assertThatCode(() -> restriction.admit(create(PODS, yaml(MIRROR), "system:node:n1"))).doesNotThrowAnyException();
        assertThat(refusal(create(PODS, yaml(MIRROR.replace("annotations: {kubernetes.io/config.mirror: abc}",
                "annotations: {}")), "system:node:n1"))).isEqualTo("pods \"static-n1\" is forbidden: pod does not have "
                + "\"kubernetes.io/config.mirror\" annotation, node \"n1\" can only create mirror pods");
        assertThat(refusal(create(PODS, yaml(MIRROR.replace("nodeName: n1", "nodeName: n2")), "system:node:n1")))
                .isEqualTo("pods \"static-n1\" is forbidden: node \"n1\" can only create pods with spec.nodeName set to itself");
        assertThat(refusal(create(PODS, yaml(MIRROR.replace("uid: u1", "uid: u9")), "system:node:n1")))
                .isEqualTo("pods \"static-n1\" is forbidden: node n1 UID mismatch: expected u9 got u1");
        assertThat(refusal(create(PODS, yaml(MIRROR.replace("image: i}", "image: i, envFrom: [{secretRef: {name: s}}]}")),
                "system:node:n1"))).isEqualTo("pods \"static-n1\" is forbidden: node \"n1\" can not create pods that reference secrets");
    }

    @Test
    void aNodeWritesOnlyItsOwnLease() {
        assertThatCode(() -> restriction.admit(create(LEASES, yaml("metadata: {name: n1, namespace: kube-node-lease}"),
                "system:node:n1"))).doesNotThrowAnyException();
        assertThat(refusal(create(LEASES, yaml("metadata: {name: n2, namespace: kube-node-lease}"), "system:node:n1")))
                .isEqualTo("leases.coordination.k8s.io \"n2\" is forbidden: can only access node lease with the same name"
                        + " as the requesting node");
    }

    private String refusal(AdmissionRequest request) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> restriction.admit(request));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(403);
        return e.getMessage();
    }

    private static AdmissionRequest create(ResourceType type, ObjectNode obj, String user) {
        return new AdmissionRequest(type, obj, null, null, options(user));
    }

    private static AdmissionRequest update(ResourceType type, ObjectNode obj, ObjectNode old, String sub, String user) {
        return new AdmissionRequest(type, obj, old, sub, options(user));
    }

    private static WriteOptions options(String user) {
        ObjectNode info = Json.object().put("username", user);
        info.putArray("groups").add(user.startsWith("system:node:") ? "system:nodes" : "developers");
        return new WriteOptions(false, "test", false, false, w -> { }, info);
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
