package io.k8j.controllers.csrapproving;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.k8j.controllers.csrsigning.TestPki;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeClientApprovalTest {
    private static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";

    @Test
    void approvesBootstrappersAndNodesRenewingTheirOwnCertificate() throws Exception {
        assertThat(NodeClientApproval.reason(csr(KUBELET_CLIENT, "system:node:a", "system:bootstrap:abcdef",
                "system:bootstrappers", "system:authenticated"))).startsWith("Auto approving kubelet client certificate");
        assertThat(NodeClientApproval.reason(csr(KUBELET_CLIENT, "system:node:a", "system:node:a", "system:nodes")))
                .startsWith("Auto approving self kubelet client certificate");
    }

    @Test
    void leavesEverythingElseToAPerson() throws Exception {
        assertThat(NodeClientApproval.reason(csr(KUBELET_CLIENT, "system:node:a", "bob", "system:authenticated"))).isNull();
        assertThat(NodeClientApproval.reason(csr(KUBELET_CLIENT, "system:node:b", "system:node:a", "system:nodes"))).isNull();
        assertThat(NodeClientApproval.reason(csr("kubernetes.io/kube-apiserver-client", "system:node:a",
                "system:bootstrap:abcdef", "system:bootstrappers"))).isNull();
    }

    private static CertificateSigningRequest csr(String signer, String nodeName, String user, String... groups)
            throws Exception {
        return new CertificateSigningRequestBuilder().withNewMetadata().withName("csr").endMetadata().withNewSpec()
                .withSignerName(signer).withRequest(TestPki.request("O=system:nodes,CN=" + nodeName))
                .withUsages("digital signature", "client auth").withUsername(user).withGroups(List.of(groups))
                .endSpec().build();
    }
}
