package io.k8j.controllers.csrapproving;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.k8j.controllers.csrsigning.ParsedRequest;
import io.k8j.controllers.csrsigning.SignerPolicy;

import java.util.List;

/**
 * kube's csrapproving recognisers of kubelet client certificate requests ({@link SignerPolicy#isKubeletClient}):
 * each names the certificatesigningrequests subresource the requester needs {@code create} on, asked through a
 * SubjectAccessReview, and the approval message. A node renewing its own (user system:node:NAME for
 * CN=system:node:NAME) is tried as selfnodeclient first, then as nodeclient like any other requester.
 */
final class NodeClientApproval {

    /** A subresource to ask a SubjectAccessReview for, and the approval message when it is allowed. */
    record Permission(String subresource, String message) {
    }

    private static final Permission SELF = new Permission("selfnodeclient",
            "Auto approving self kubelet client certificate after SubjectAccessReview.");
    private static final Permission ANY = new Permission("nodeclient",
            "Auto approving kubelet client certificate after SubjectAccessReview.");

    private NodeClientApproval() {
    }

    /** The permissions that would approve {@code csr}, in kube's order; empty when it is not a kubelet client's. */
    static List<Permission> permissions(CertificateSigningRequest csr) {
        if (!SignerPolicy.KUBELET_CLIENT.signerName().equals(csr.getSpec().getSignerName())) {
            return List.of();
        }
        ParsedRequest request;
        try {
            request = ParsedRequest.parse(csr.getSpec().getRequest());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<String> usages = csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        if (!SignerPolicy.isKubeletClient(request, usages)) {
            return List.of();
        }
        return request.commonName().equals(csr.getSpec().getUsername()) ? List.of(SELF, ANY) : List.of(ANY);
    }
}
