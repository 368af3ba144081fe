package io.k8j.apiserver.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8j.api.Json;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The first matching rule decides, matching as kube's policy checker does. */
class AuditPolicyTest {
    private static final AuditPolicy POLICY = policy("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
            - level: None
              users: ["system:kube-proxy"]
            - level: None
              nonResourceURLs: ["/healthz*", /version]
            - level: Metadata
              resources: [{group: "", resources: [secrets, "pods/log"]}]
            - level: Request
              verbs: [create, update, patch]
              namespaces: [prod]
              resources: [{group: apps, resources: ["*"]}, {group: "", resources: [configmaps], resourceNames: [settings]}]
            - level: RequestResponse
              userGroups: [developers]
              omitStages: [ResponseComplete]
            - level: Metadata
              nonResourceURLs: ["*"]
            """);

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // user, group, verb, apiGroup, resource, subresource, namespace, name, path, level
            "system:kube-proxy, -, get, '', secrets, -, ns, s, -, None",
            "alice, -, get, -, -, -, -, -, /healthz/etcd, None",
            "alice, -, get, -, -, -, -, -, /version, None",
            "alice, -, get, -, -, -, -, -, /metrics, Metadata",
            "alice, -, list, '', secrets, -, ns, -, -, Metadata",
            "alice, -, get, '', pods, log, ns, p, -, Metadata",
            "alice, -, get, '', pods, -, ns, p, -, None",
            "alice, -, create, apps, deployments, -, prod, d, -, Request",
            "alice, -, patch, apps, deployments, scale, prod, d, -, Request",
            "alice, -, create, apps, deployments, -, dev, d, -, None",
            "alice, -, delete, apps, deployments, -, prod, d, -, None",
            "alice, -, update, '', configmaps, -, prod, settings, -, Request",
            "alice, -, update, '', configmaps, -, prod, other, -, None",
            "bob, developers, get, '', pods, -, ns, p, -, RequestResponse",
    })
    void firstMatchingRuleGivesTheLevel(String user, String group, String verb, String apiGroup, String resource,
                                        String subresource, String namespace, String name, String path, Level level) {
        AuditPolicy.Request request = new AuditPolicy.Request(user, group == null ? List.of() : List.of(group), verb,
                apiGroup, resource, subresource, namespace, name, path);

        assertThat(POLICY.decide(request).level()).isEqualTo(level);
    }

    @Test
    void stagesOmittedByThePolicyAndByTheRule() {
        AuditPolicy.Decision d = POLICY.decide(new AuditPolicy.Request("bob", List.of("developers"), "get", "", "pods", null,
                "ns", "p", null));

        assertThat(d.records("RequestReceived")).isFalse();
        assertThat(d.records("ResponseComplete")).isFalse();
        assertThat(POLICY.decide(new AuditPolicy.Request("alice", List.of(), "list", "", "secrets", null, "ns", null, null))
                .records("ResponseComplete")).isTrue();
    }

    @Test
    void aPolicyThatIsNotKubesIsRefused() {
        assertThatThrownBy(() -> policy("apiVersion: audit.k8s.io/v1beta1\nkind: Policy\n"))
                .hasMessageContaining("expected kind Policy of apiVersion audit.k8s.io/v1");
        assertThatThrownBy(() -> policy("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Everything}]\n"))
                .hasMessageContaining("rule level must be None, Metadata, Request or RequestResponse");
        assertThatThrownBy(() -> policy("apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [Later]\n"))
                .hasMessageContaining("unknown stage Later");
    }

    private static AuditPolicy policy(String yaml) {
        try {
            return AuditPolicy.parse(Json.YAML.readTree(yaml));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
