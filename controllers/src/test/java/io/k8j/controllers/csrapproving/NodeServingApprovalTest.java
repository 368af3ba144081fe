package io.k8j.controllers.csrapproving;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.k8j.controllers.csrsigning.TestPki;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class NodeServingApprovalTest {
    private static final Node NODE = new NodeBuilder().withNewMetadata().withName("a").endMetadata().withNewStatus()
            .addNewAddress("10.0.0.5", "InternalIP").addNewAddress("a", "Hostname").endStatus().build();

    @Test
    void aNodeAskingForItsOwnAddressesIsApproved() throws Exception {
        CertificateSigningRequest csr = csr("system:node:a", "system:node:a", "10.0.0.5", "a");
        assertThat(NodeServingApproval.isNodeOwn(csr)).isTrue();
        assertThat(NodeServingApproval.nodeName(csr)).isEqualTo("a");
        assertThat(NodeServingApproval.namesOnly(csr, NODE)).isTrue();
    }

    @Test
    void otherNamesOrOtherRequestersAreNot() throws Exception {
        assertThat(NodeServingApproval.namesOnly(csr("system:node:a", "system:node:a", "10.0.0.6"), NODE)).isFalse();
        assertThat(NodeServingApproval.namesOnly(csr("system:node:a", "system:node:a", "a", "evil.example.com"), NODE))
                .isFalse();
        assertThat(NodeServingApproval.isNodeOwn(csr("system:node:a", "system:node:b", "10.0.0.5"))).isFalse();
        assertThat(NodeServingApproval.isNodeOwn(csr("system:node:a", "admin", "10.0.0.5"))).isFalse();
    }

    private static CertificateSigningRequest csr(String commonName, String user, String... names) throws Exception {
        return new CertificateSigningRequestBuilder().withNewMetadata().withName("csr").endMetadata().withNewSpec()
                .withSignerName("kubernetes.io/kubelet-serving")
                .withRequest(TestPki.request("O=system:nodes,CN=" + commonName, names))
                .withUsages("digital signature", "server auth").withUsername(user).endSpec().build();
    }
}
