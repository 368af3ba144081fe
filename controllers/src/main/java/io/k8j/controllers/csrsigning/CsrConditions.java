package io.k8j.controllers.csrsigning;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;

/** Reading a CSR's conditions. */
public final class CsrConditions {
    private CsrConditions() {
    }

    /** True when the CSR has a condition of {@code type} with status True (or no status, as kube's v1 allows). */
    public static boolean has(CertificateSigningRequest csr, String type) {
        return csr.getStatus() != null && csr.getStatus().getConditions() != null
                && csr.getStatus().getConditions().stream().anyMatch(c -> type.equals(c.getType())
                && (c.getStatus() == null || c.getStatus().equals("True")));
    }
}
