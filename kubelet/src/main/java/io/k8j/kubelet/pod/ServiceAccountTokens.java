package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The kubelet's token manager for projected {@code serviceAccountToken} sources: a TokenRequest bound to the pod
 * (its account, the source's audience and lifetime), kept per pod and source and requested again once the token
 * is within 20% of its lifetime of expiring or 24 h old (less a jitter of up to 10 s), as kube's token.Manager.
 */
final class ServiceAccountTokens {
    private static final Duration MAX_TTL = Duration.ofHours(24);
    private static final Duration MAX_JITTER = Duration.ofSeconds(10);
    private static final long DEFAULT_EXPIRATION = 3600;

    private final ConfigSource configs;
    private final Clock clock;
    private final Map<Key, TokenRequest> tokens = new ConcurrentHashMap<>();

    private record Key(String podUid, String audience, long expirationSeconds) {
    }

    ServiceAccountTokens(ConfigSource configs, Clock clock) {
        this.configs = configs;
        this.clock = clock;
    }

    /** The pod's current token for {@code source}, requested when due. */
    String token(Pod pod, ServiceAccountTokenProjection source) {
        String audience = source.getAudience() == null ? "" : source.getAudience();
        long seconds = source.getExpirationSeconds() == null ? DEFAULT_EXPIRATION : source.getExpirationSeconds();
        Key key = new Key(pod.getMetadata().getUid(), audience, seconds);
        TokenRequest current = tokens.get(key);
        if (current == null || requiresRefresh(current)) {
            current = request(pod, audience, seconds);
            tokens.put(key, current);
        }
        return current.getStatus().getToken();
    }

    private TokenRequest request(Pod pod, String audience, long seconds) {
        var meta = pod.getMetadata();
        TokenRequest request = new TokenRequestBuilder().withNewSpec()
                .withAudiences(audience.isEmpty() ? List.of() : List.of(audience)).withExpirationSeconds(seconds)
                .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(meta.getName())
                .withUid(meta.getUid()).endBoundObjectRef().endSpec().build();
        TokenRequest issued;
        try {
            issued = configs.serviceAccountToken(meta.getNamespace(), pod.getSpec().getServiceAccountName(), request);
        } catch (RuntimeException e) {
            throw new IllegalStateException("failed to fetch token: " + e.getMessage(), e);
        }
        if (issued == null || issued.getStatus() == null || issued.getStatus().getToken() == null) {
            throw new IllegalStateException("failed to fetch token: no token issued");
        }
        return issued;
    }

    /** kube's requiresRefresh: 24 h after issue, or within 20% of the lifetime of expiry, each less a jitter. */
    boolean requiresRefresh(TokenRequest tr) {
        Long seconds = tr.getSpec().getExpirationSeconds();
        if (seconds == null) {
            return false;
        }
        Instant now = clock.instant();
        Instant exp = Instant.parse(tr.getStatus().getExpirationTimestamp());
        Instant iat = exp.minusSeconds(seconds);
        Duration jitter = Duration.ofSeconds((long) (ThreadLocalRandom.current().nextDouble() * MAX_JITTER.toSeconds()));
        return now.isAfter(iat.plus(MAX_TTL).minus(jitter)) || now.isAfter(exp.minusSeconds(seconds * 20 / 100).minus(jitter));
    }

    /** Drops a removed pod's tokens. */
    void forget(String podUid) {
        tokens.keySet().removeIf(k -> k.podUid().equals(podUid));
    }
}
