package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;
import io.k8j.apiserver.http.RequestInfo;
import io.k8j.apiserver.http.UserInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeAuthorizerTest {
    private static final UserInfo N1 = new UserInfo("system:node:n1", List.of("system:nodes", "system:authenticated"));
    private static final UserInfo N2 = new UserInfo("system:node:n2", List.of("system:nodes", "system:authenticated"));
    private static final String POD = """
            metadata: {name: web, namespace: ns}
            spec:
              nodeName: n1
              serviceAccountName: runner
              imagePullSecrets: [{name: pull}]
              containers:
              - name: c
                env: [{name: A, valueFrom: {secretKeyRef: {name: env-secret, key: k}}}]
                envFrom: [{configMapRef: {name: env-cm}}]
              volumes:
              - {name: s, secret: {secretName: vol-secret}}
              - {name: p, projected: {sources: [{configMap: {name: proj-cm}}, {secret: {name: proj-secret}}]}}
              - {name: d, persistentVolumeClaim: {claimName: data}}
              - {name: e, ephemeral: {volumeClaimTemplate: {spec: {}}}}
              - {name: f, csi: {driver: x, nodePublishSecretRef: {name: csi-secret}}}
            """;

    private final NodeGraph graph = new NodeGraph();
    private final NodeAuthorizer authorizer = new NodeAuthorizer(graph, Authorization.nodeRules());

    @Test
    void aNodeReadsWhatItsPodsNameAndNothingElse() {
        graph.putPod(List.of("ns", "web"), yaml(POD));
        for (String secret : List.of("pull", "env-secret", "vol-secret", "proj-secret", "csi-secret")) {
            assertThat(decide(N1, "get", "", "secrets", "", "ns", secret)).as(secret).isEqualTo(Authorizer.Result.ALLOW);
            assertThat(decide(N2, "get", "", "secrets", "", "ns", secret).allowed()).as(secret).isFalse();
        }
        for (String cm : List.of("env-cm", "proj-cm")) {
            assertThat(decide(N1, "watch", "", "configmaps", "", "ns", cm).allowed()).as(cm).isTrue();
        }
        assertThat(decide(N1, "get", "", "persistentvolumeclaims", "", "ns", "data").allowed()).isTrue();
        assertThat(decide(N1, "get", "", "persistentvolumeclaims", "", "ns", "web-e").allowed()).isTrue();
        assertThat(decide(N1, "create", "", "serviceaccounts", "token", "ns", "runner").allowed()).isTrue();
        assertThat(decide(N1, "create", "", "serviceaccounts", "token", "ns", "default").allowed()).isFalse();
        assertThat(decide(N1, "get", "", "secrets", "", "other", "pull").allowed()).isFalse();
        assertThat(decide(N1, "get", "", "secrets", "", "ns", "s2")).isEqualTo(new Authorizer.Result(
                Authorizer.Decision.NO_OPINION, "no relationship found between node 'n1' and this object"));
        assertThat(decide(N1, "list", "", "secrets", "", "ns", "").reason()).isEqualTo("No Object name found");
        assertThat(decide(N1, "delete", "", "secrets", "", "ns", "pull").reason())
                .isEqualTo("can only read resources of this type");
    }

    @Test
    void aVolumeIsReachableThroughTheClaimBoundToIt() {
        graph.putPod(List.of("ns", "web"), yaml(POD));
        assertThat(decide(N1, "get", "", "persistentvolumes", "", "", "pv1").allowed()).isFalse();
        graph.putVolume(List.of("pv1"), yaml("spec: {claimRef: {namespace: ns, name: data}}"));
        assertThat(decide(N1, "get", "", "persistentvolumes", "", "", "pv1").allowed()).isTrue();
        assertThat(decide(N2, "get", "", "persistentvolumes", "", "", "pv1").allowed()).isFalse();
        graph.putVolume(List.of("pv1"), null);
        assertThat(decide(N1, "get", "", "persistentvolumes", "", "", "pv1").allowed()).isFalse();
    }

    @Test
    void reachGoesWithThePodsBindingAndDeletion() {
        JsonNode pod = yaml(POD);
        graph.putPod(List.of("ns", "web"), yaml(POD.replace("nodeName: n1", "nodeName: ''")));
        assertThat(decide(N1, "get", "", "secrets", "", "ns", "pull").allowed()).isFalse();
        graph.putPod(List.of("ns", "web"), pod);
        graph.putPod(List.of("ns", "web2"), yaml(POD.replace("name: web,", "name: web2,")));
        graph.putPod(List.of("ns", "web"), null);
        // web2 still names it
        assertThat(decide(N1, "get", "", "secrets", "", "ns", "pull").allowed()).isTrue();
        graph.putPod(List.of("ns", "web2"), yaml(POD.replace("name: web,", "name: web2,").replace("nodeName: n1", "nodeName: n2")));
        assertThat(decide(N1, "get", "", "secrets", "", "ns", "pull").allowed()).isFalse();
        assertThat(decide(N2, "get", "", "secrets", "", "ns", "pull").allowed()).isTrue();
    }

    @Test
    void leasesAreTheNodesOwnAndOtherRequestsFollowTheSystemNodeRules() {
        assertThat(decide(N1, "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "n1").allowed()).isTrue();
        assertThat(decide(N1, "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "n2").reason())
                .isEqualTo("can only access node lease with the same name as the requesting node");
        assertThat(decide(N1, "get", "coordination.k8s.io", "leases", "", "default", "n1").reason())
                .isEqualTo("can only access leases in the \"kube-node-lease\" system namespace");
        assertThat(decide(N1, "patch", "", "nodes", "status", "", "n1").allowed()).isTrue();
        assertThat(decide(N1, "list", "", "pods", "", "", "").allowed()).isTrue();
        assertThat(decide(N1, "delete", "", "nodes", "", "", "n1").allowed()).isFalse();
        UserInfo notANode = new UserInfo("system:node:n1", List.of("system:authenticated"));
        assertThat(decide(notANode, "list", "", "pods", "", "", "")).isEqualTo(Authorizer.Result.NO_OPINION);
        UserInfo nameless = new UserInfo("system:node:", List.of("system:nodes"));
        assertThat(decide(nameless, "list", "", "pods", "", "", "").reason())
                .isEqualTo("unknown node for user \"system:node:\"");
    }

    @Test
    void aListOrWatchSelectingOneNameIsAuthorizedAsThatObject() {
        graph.putPod(List.of("ns", "web"), yaml(POD));
        RequestInfo list = RequestInfo.parse("GET", "/api/v1/namespaces/ns/secrets", true);
        assertThat(authorizer.authorize(Attributes.of(N1, "GET", "", list, "metadata.name=pull")).allowed()).isTrue();
        assertThat(authorizer.authorize(Attributes.of(N1, "GET", "", list, "type=x,metadata.name==pull")).allowed()).isTrue();
        assertThat(authorizer.authorize(Attributes.of(N1, "GET", "", list, "metadata.name!=pull")).allowed()).isFalse();
        assertThat(authorizer.authorize(Attributes.of(N1, "GET", "", list, null)).allowed()).isFalse();
    }

    private Authorizer.Result decide(UserInfo user, String verb, String group, String resource, String sub, String ns,
                                     String name) {
        return authorizer.authorize(Attributes.resource(user, verb, group, resource, sub, ns, name));
    }

    private static JsonNode yaml(String text) {
        try {
            return Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
