package io.k8j.controllers.csrapproving;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.k8j.controllers.csrsigning.ParsedRequest;
import io.k8j.controllers.csrsigning.SignerPolicy;

import java.util.List;

/**
 * Which CSRs the approver approves, as kube's csrapproving recognisers: a kubelet client certificate
 * ({@link SignerPolicy#isKubeletClient}) asked for by a bootstrap token identity (group system:bootstrappers)
 * or by the node itself (user system:node:NAME for CN=system:node:NAME). kube also asks a SubjectAccessReview
 * for certificatesigningrequests/nodeclient; k8j grants those two identities outright.
 */
final class NodeClientApproval {
    static final String BOOTSTRAPPERS = "system:bootstrappers";

    private NodeClientApproval() {
    }

    /** The approval message for {@code csr}, or null when it is not the approver's to approve. */
    static String reason(CertificateSigningRequest csr) {
        if (csr.getSpec() == null || !SignerPolicy.KUBELET_CLIENT.signerName().equals(csr.getSpec().getSignerName())) {
            return null;
        }
        ParsedRequest request;
        try {
            request = ParsedRequest.parse(csr.getSpec().getRequest());
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<String> usages = csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        if (!SignerPolicy.isKubeletClient(request, usages)) {
            return null;
        }
        String user = csr.getSpec().getUsername();
        if (request.commonName().equals(user)) {
            return "Auto approving self kubelet client certificate after SubjectAccessReview.";
        }
        List<String> groups = csr.getSpec().getGroups() == null ? List.of() : csr.getSpec().getGroups();
        return groups.contains(BOOTSTRAPPERS) ? "Auto approving kubelet client certificate after SubjectAccessReview." : null;
    }
}
