package io.k8j.kubelet.server;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube's kubelet webhook authentication: a client certificate of the cluster CA (the TLS handshake verified
 * it) names the user by CN and the groups by O; a bearer token is sent to the API server in a TokenReview, whose
 * answer is cached 2 minutes when authenticated and 30 seconds when not, as kubelet's defaults.
 */
final class CallerAuthenticator {
    static final Duration AUTHENTICATED_TTL = Duration.ofMinutes(2);
    static final Duration UNAUTHENTICATED_TTL = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final ExpiringCache<String, Optional<Caller>> tokens;

    CallerAuthenticator(KubernetesClient client, Clock clock) {
        this.client = client;
        this.tokens = new ExpiringCache<>(AUTHENTICATED_TTL, UNAUTHENTICATED_TTL, Optional::isPresent, clock);
    }

    /** Empty when the request has no credential or its token is not valid. Blocks on the API server. */
    Optional<Caller> authenticate(X509Certificate clientCert, String authorization) {
        if (clientCert != null) {
            return Optional.of(fromCertificate(clientCert));
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String key = sha256(token);
        Optional<Optional<Caller>> cached = tokens.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<Caller> caller = review(token);
        tokens.put(key, caller);
        return caller;
    }

    /** The cache holds hashes, not tokens, as kube's does. */
    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Caller> review(String token) {
        TokenReview answer = client.tokenReviews().create(new TokenReviewBuilder().withNewSpec().withToken(token)
                .endSpec().build());
        if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAuthenticated())) {
            return Optional.empty();
        }
        UserInfo user = answer.getStatus().getUser();
        return Optional.of(new Caller(user.getUsername(), user.getUid(),
                user.getGroups() == null ? List.of() : user.getGroups(),
                user.getExtra() == null ? Map.of() : user.getExtra()));
    }

    private static Caller fromCertificate(X509Certificate cert) {
        String user = "";
        List<String> groups = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    user = String.valueOf(rdn.getValue());
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalStateException("client certificate subject: " + e.getMessage(), e);
        }
        // LdapName lists RDNs from the last to the first; kube keeps the subject's order of O
        return new Caller(user, "", List.copyOf(groups.reversed()), Map.of());
    }
}
