package io.k8j.controllers.csrsigning;

import java.util.List;
import java.util.Set;

/**
 * kube's built-in signers and what each may sign, as its csrsigning controller checks before signing: a request
 * one refuses is marked Failed rather than signed.
 */
public enum SignerPolicy {
    /** Client certificates with which kubelets reach the API server. */
    KUBELET_CLIENT("kubernetes.io/kube-apiserver-client-kubelet"),
    /** Any client certificate for the API server. */
    APISERVER_CLIENT("kubernetes.io/kube-apiserver-client"),
    /** Serving certificates of kubelets' node servers. */
    KUBELET_SERVING("kubernetes.io/kubelet-serving");

    private static final Set<String> CLIENT_USAGES = Set.of("digital signature", "key encipherment", "client auth");
    private static final Set<String> SERVING_USAGES = Set.of("digital signature", "key encipherment", "server auth");

    private final String signerName;

    SignerPolicy(String signerName) {
        this.signerName = signerName;
    }

    public String signerName() {
        return signerName;
    }

    /** The policy of {@code signerName}, or null when it is not a signer k8j runs. */
    public static SignerPolicy of(String signerName) {
        for (SignerPolicy policy : values()) {
            if (policy.signerName.equals(signerName)) {
                return policy;
            }
        }
        return null;
    }

    /** Why this signer will not sign the request, or null when it will. */
    public String refusal(ParsedRequest request, List<String> usages) {
        return switch (this) {
            case KUBELET_CLIENT -> isKubeletClient(request, usages) ? null
                    : "subject must be CN=system:node:<name>, O=system:nodes, without subject alternative names, "
                    + "usages digital signature and client auth (key encipherment optional)";
            case APISERVER_CLIENT -> usages.contains("client auth") && CLIENT_USAGES.containsAll(usages) ? null
                    : "usages must include client auth and only add digital signature and key encipherment";
            case KUBELET_SERVING -> request.organizations().equals(List.of("system:nodes"))
                    && request.commonName().startsWith("system:node:") && usages.contains("server auth")
                    && SERVING_USAGES.containsAll(usages) && request.sans() != null ? null
                    : "subject must be CN=system:node:<name>, O=system:nodes, with DNS or IP names, usages server auth "
                    + "and only digital signature and key encipherment besides";
        };
    }

    /** kube's IsKubeletClientCSR, which the approver also relies on. */
    public static boolean isKubeletClient(ParsedRequest request, List<String> usages) {
        return request.organizations().equals(List.of("system:nodes"))
                && request.commonName().startsWith("system:node:") && request.commonName().length() > "system:node:".length()
                && request.sans() == null
                && usages.contains("digital signature") && usages.contains("client auth")
                && CLIENT_USAGES.containsAll(usages);
    }
}
