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
    void aNodeRenewingItsOwnIsCheckedForSelfnodeclientThenNodeclient() throws Exception {
        assertThat(subresources(csr(KUBELET_CLIENT, "system:node:a", "system:node:a", "system:nodes")))
                .containsExactly("selfnodeclient", "nodeclient");
        assertThat(NodeClientApproval.permissions(csr(KUBELET_CLIENT, "system:node:a", "system:node:a")).getFirst()
                .message()).isEqualTo("Auto approving self kubelet client certificate after SubjectAccessReview.");
    }

    @Test
    void anyOtherRequesterIsCheckedForNodeclient() throws Exception {
        assertThat(subresources(csr(KUBELET_CLIENT, "system:node:a", "system:bootstrap:abcdef", "system:bootstrappers")))
                .containsExactly("nodeclient");
        assertThat(subresources(csr(KUBELET_CLIENT, "system:node:b", "system:node:a", "system:nodes")))
                .containsExactly("nodeclient");
    }

    @Test
    void otherSignersAreNotRecognised() throws Exception {
        assertThat(subresources(csr("kubernetes.io/kube-apiserver-client", "system:node:a",
                "system:bootstrap:abcdef", "system:bootstrappers"))).isEmpty();
    }

    private static List<String> subresources(CertificateSigningRequest csr) {
        return NodeClientApproval.permissions(csr).stream().map(NodeClientApproval.Permission::subresource).toList();
    }

    private static CertificateSigningRequest csr(String signer, String nodeName, String user, String... groups)
            throws Exception {
        return new CertificateSigningRequestBuilder().withNewMetadata().withName("csr").endMetadata().withNewSpec()
                .withSignerName(signer).withRequest(TestPki.request("O=system:nodes,CN=" + nodeName))
                .withUsages("digital signature", "client auth").withUsername(user).withGroups(List.of(groups))
                .endSpec().build();
    }
}
