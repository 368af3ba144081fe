package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.pki.KeyAndRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** CertificateSigningRequests: kube's validation, and what each of update, status and approval may change. */
class CertificateSigningRequestStrategyTest {
    private static final String REQUEST = Base64.getEncoder().encodeToString(
            KeyAndRequest.generate("bob", List.of()).requestPem().getBytes(StandardCharsets.US_ASCII));
    private final CertificateSigningRequestStrategy strategy = new CertificateSigningRequestStrategy();
    private final Fixtures.Context ctx = Fixtures.Context.empty();

    private static ObjectNode csr(String status) {
        return yaml("{metadata: {name: bob}, spec: {request: '" + REQUEST + "', signerName: kubernetes.io/kube-apiserver-client,"
                + " usages: [client auth], username: admin}, status: " + status + "}");
    }

    @Test
    void aWellFormedRequestIsValidAndKubesChecksFindTheRest() {
        assertThat(strategy.validate(csr("{}"))).isEmpty();
        ObjectNode bad = yaml("{metadata: {name: bad}, spec: {request: '" + REQUEST + "', signerName: nodomain,"
                + " usages: [client auth, client auth], expirationSeconds: 599}}");
        assertThat(fields(strategy.validate(bad))).containsExactly("spec.signerName: FieldValueInvalid",
                "spec.usages[1]: FieldValueDuplicate", "spec.expirationSeconds: FieldValueInvalid");
        ObjectNode certificate = yaml("{metadata: {name: c}, spec: {request: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==',"
                + " signerName: a.io/b, usages: [client auth]}}");
        assertThat(strategy.validate(certificate).getFirst().describe())
                .isEqualTo("spec.request: Invalid value: []byte{...}: PEM block type must be CERTIFICATE REQUEST");
    }

    @Test
    void anUpdateOfTheObjectKeepsSpecAndStatus() {
        ObjectNode old = csr("{conditions: [{type: Approved, status: 'True'}]}");
        ObjectNode edited = csr("{}");
        edited.with("spec").put("username", "mallory").put("signerName", "kubernetes.io/kubelet-serving");
        strategy.prepareForUpdate(edited, old, ctx);
        assertThat(edited.get("spec")).isEqualTo(old.get("spec"));
        assertThat(edited.get("status")).isEqualTo(old.get("status"));
    }

    @Test
    void statusWritesCannotApproveAndTheCertificateIsSetOnce() {
        ObjectNode pending = csr("{}");
        ObjectNode sneaky = csr("{conditions: [{type: Approved, status: 'True'}]}");
        strategy.prepareForSubresourceUpdate("status", sneaky, pending, ctx);
        assertThat(sneaky.at("/status/conditions")).isEmpty();

        ObjectNode issued = csr("{conditions: [{type: Approved, status: 'True'}], certificate: Zm9v}");
        ObjectNode replaced = csr("{conditions: [], certificate: YmFy}");
        strategy.prepareForSubresourceUpdate("status", replaced, issued, ctx);
        assertThat(replaced.at("/status/conditions/0/type").asText()).isEqualTo("Approved");
        assertThat(fields(strategy.validateSubresourceUpdate("status", replaced, issued)))
                .containsExactly("status.certificate: FieldValueForbidden");
    }

    @Test
    void approvalCannotBeWithdrawnNorCombinedWithDenial() {
        ObjectNode approved = csr("{conditions: [{type: Approved, status: 'True'}]}");
        ObjectNode withdrawn = csr("{conditions: []}");
        strategy.prepareForSubresourceUpdate("approval", withdrawn, approved, ctx);
        assertThat(fields(strategy.validateSubresourceUpdate("approval", withdrawn, approved)))
                .containsExactly("status.conditions: FieldValueForbidden");

        ObjectNode both = csr("{conditions: [{type: Approved, status: 'True'}, {type: Denied, status: 'True'}]}");
        strategy.prepareForSubresourceUpdate("approval", both, approved, ctx);
        assertThat(strategy.validateSubresourceUpdate("approval", both, approved).getFirst().describe())
                .isEqualTo("status.conditions[1].type: Invalid value: \"Denied\": Approved and Denied conditions are mutually exclusive");
        assertThat(both.at("/status/conditions/1/lastTransitionTime").asText()).isNotEmpty();

        ObjectNode notTrue = csr("{conditions: [{type: Approved, status: 'False'}]}");
        assertThat(fields(strategy.validate(notTrue))).containsExactly("status.conditions[0].status: FieldValueNotSupported");
    }
}
