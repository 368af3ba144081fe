package io.k8j.kubelet.server;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who may call the node server, as kube's kubelet in webhook mode decides: authenticated (else 401
 * Unauthorized), then authorized on nodes/SUBRESOURCE (else 403 with kube's text).
 */
final class CallerGate {
    private static final Logger LOG = LoggerFactory.getLogger(CallerGate.class);

    /** The response a refused request gets. */
    record Refusal(int status, String body) {
    }

    private final CallerAuthenticator authenticator;
    private final CallerAuthorizer authorizer;

    CallerGate(CallerAuthenticator authenticator, CallerAuthorizer authorizer) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
    }

    /** Empty when the request may go on. Blocks on the API server when its answer is not cached. */
    Optional<Refusal> check(X509Certificate clientCert, String authorization, NodeRequestAttributes attributes) {
        Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(clientCert, authorization);
        } catch (KubernetesClientException e) {
            LOG.warn("node server: TokenReview failed: {}", e.getMessage());
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            return Optional.of(new Refusal(401, "Unauthorized\n"));
        }
        String user = caller.get().user();
        try {
            if (authorizer.allowed(caller.get(), attributes)) {
                return Optional.empty();
            }
            return Optional.of(new Refusal(403, attributes.forbidden(user)));
        } catch (KubernetesClientException e) {
            LOG.warn("node server: SubjectAccessReview for {} failed: {}", user, e.getMessage());
            return Optional.of(new Refusal(500, "Authorization error (user=" + user + ", verb=" + attributes.verb()
                    + ", resource=nodes, subresource=" + attributes.subresource() + ")\n"));
        }
    }
}
