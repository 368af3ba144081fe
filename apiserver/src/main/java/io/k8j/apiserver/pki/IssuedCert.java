package io.k8j.apiserver.pki;

/** A freshly signed certificate and its private key, both PEM (the key PKCS#8). */
public record IssuedCert(String certPem, String keyPem) {
    /** The key in the SEC1 / PKCS#1 form that every kubeconfig reader (fabric8 included) accepts. */
    public String kubeconfigKeyPem() {
        return Pem.encodeTraditional(Pem.privateKey(keyPem));
    }

    @Override
    public String toString() {
        // Keeps the private key out of logs and exception messages.
        return "IssuedCert[" + Pem.certificate(certPem).getSubjectX500Principal() + "]";
    }
}
