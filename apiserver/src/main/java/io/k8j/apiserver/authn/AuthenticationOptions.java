package io.k8j.apiserver.authn;

import io.k8j.apiserver.pki.ServiceAccountKey;

import java.nio.file.Path;
import java.util.List;

/**
 * kube-apiserver's authentication flags.
 *
 * @param issuers {@code --service-account-issuer}: the first signs new tokens, all are accepted
 * @param apiAudiences {@code --api-audiences}; empty means the first issuer, as kube defaults it
 * @param tokenAuthFile {@code --token-auth-file}, or null
 * @param maxTokenExpirationSeconds {@code --service-account-max-token-expiration}; 0: no maximum
 * @param extendTokenExpiration {@code --service-account-extend-token-expiration}: pod-bound tokens asked for
 *                              3607 s are valid for a year and carry a warnafter at 3607 s
 */
public record AuthenticationOptions(ServiceAccountKey serviceAccountKey, List<String> issuers, List<String> apiAudiences,
                                    Path tokenAuthFile, long maxTokenExpirationSeconds, boolean extendTokenExpiration) {
    public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

    public AuthenticationOptions {
        issuers = issuers == null || issuers.isEmpty() ? List.of(DEFAULT_ISSUER) : List.copyOf(issuers);
        apiAudiences = apiAudiences == null || apiAudiences.isEmpty() ? List.of(issuers.get(0)) : List.copyOf(apiAudiences);
    }

    public static AuthenticationOptions defaults(ServiceAccountKey key) {
        return new AuthenticationOptions(key, List.of(), List.of(), null, 0, true);
    }
}
