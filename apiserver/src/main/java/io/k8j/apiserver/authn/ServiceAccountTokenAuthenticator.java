package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.k8j.api.Json;
import io.k8j.apiserver.http.UserInfo;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates bound service account tokens as kube's jwtTokenAuthenticator and its validator: a JWT from a
 * trusted issuer is checked for its signature, audiences, times (with go-jose's one-minute leeway), and for
 * the service account and the pod, secret or node it is bound to still existing with the uids it names.
 * Objects deleted less than the leeway ago still count, as in kube.
 */
public final class ServiceAccountTokenAuthenticator implements TokenAuthenticator {
    static final Duration LEEWAY = Duration.ofMinutes(1);
    /** Tokens a client keeps presenting are parsed and their RS256 signature verified once, not per request. */
    private static final int VERIFIED_TOKENS = 10_000;

    private final List<String> issuers;
    private final List<RSASSAVerifier> verifiers;
    private final List<String> apiAudiences;
    private final BoundObjects objects;
    private final Clock clock;
    private final Cache<String, Verified> verifiedTokens = Caffeine.newBuilder().maximumSize(VERIFIED_TOKENS).build();

    public ServiceAccountTokenAuthenticator(List<String> issuers, List<RSAPublicKey> keys, List<String> apiAudiences,
                                            BoundObjects objects, Clock clock) {
        this.issuers = List.copyOf(issuers);
        this.verifiers = keys.stream().map(RSASSAVerifier::new).toList();
        this.apiAudiences = List.copyOf(apiAudiences);
        this.objects = objects;
        this.clock = clock;
    }

    @Override
    public Authenticated authenticate(String token, List<String> requested) {
        Verified verified = verifiedTokens.getIfPresent(token);
        if (verified == null) {
            verified = verify(token);
            if (verified == null) {
                return null;
            }
            verifiedTokens.put(token, verified);
        }
        JWTClaimsSet claims = verified.claims();
        List<String> tokenAudiences = claims.getAudience() == null || claims.getAudience().isEmpty()
                ? apiAudiences : claims.getAudience();
        List<String> wanted = requested.isEmpty() ? apiAudiences : requested;
        List<String> audiences = Audiences.intersect(tokenAudiences, wanted);
        if (audiences.isEmpty()) {
            throw new InvalidTokenException("token audiences " + Audiences.quoted(tokenAudiences)
                    + " is invalid for the target audiences " + Audiences.quoted(wanted));
        }
        Instant now = clock.instant();
        checkTimes(claims, now);
        BoundClaims bound = verified.bound();
        if (bound == null) {
            throw new InvalidTokenException("service account token claims could not be validated due to unexpected validation error");
        }
        Instant deletedBefore = now.minus(LEEWAY);
        String ns = bound.namespace();
        check("ServiceAccount", ns, bound.serviceAccount(), deletedBefore, "service account", "serviceaccounts");
        if (bound.pod() != null) {
            check("Pod", ns, bound.pod(), deletedBefore, "pod", "pods");
        }
        if (bound.secret() != null) {
            check("Secret", ns, bound.secret(), deletedBefore, "secret", "secrets");
        }
        if (bound.node() != null && bound.pod() == null) {
            check("Node", null, bound.node(), deletedBefore, "node", "nodes");
        }
        return new Authenticated(user(bound, claims.getJWTID()), audiences);
    }

    /**
     * A token whose signature checked out, with its claims parsed: what depends on the token's bytes alone. Times,
     * audiences and the bound objects are checked on every request, so revocation still takes effect at once.
     */
    private record Verified(JWTClaimsSet claims, BoundClaims bound) {
    }

    /** The parsed and verified token; null when it is not a JWT of a trusted issuer. */
    private Verified verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return null; // not a JWT: another authenticator's token
        }
        if (!issuers.contains(claims.getIssuer())) {
            return null;
        }
        if (!verified(jwt)) {
            throw new InvalidTokenException("go-jose/go-jose: error in cryptographic primitive");
        }
        return new Verified(claims, BoundClaims.from(privateClaim(claims)));
    }

    private boolean verified(SignedJWT jwt) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return false;
        }
        for (RSASSAVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // try the next key
            }
        }
        return false;
    }

    /** go-jose's Claims.Validate with its default leeway, reported as kube's validator reports it. */
    private static void checkTimes(JWTClaimsSet claims, Instant now) {
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        if (nbf != null && now.plus(LEEWAY).isBefore(nbf.toInstant())
                || iat != null && now.plus(LEEWAY).isBefore(iat.toInstant())) {
            throw new InvalidTokenException("service account token claims could not be validated due to unexpected validation error");
        }
        if (exp != null && now.minus(LEEWAY).isAfter(exp.toInstant())) {
            throw new InvalidTokenException("service account token has expired");
        }
    }

    private static JsonNode privateClaim(JWTClaimsSet claims) {
        Object claim = claims.getClaim(BoundClaims.CLAIM);
        return claim == null ? null : Json.MAPPER.valueToTree(claim);
    }

    /** The object exists, has the claimed uid, and was not deleted before the leeway. */
    private void check(String kind, String ns, BoundClaims.Ref ref, Instant deletedBefore, String noun, String plural) {
        BoundObjects.Found found = objects.find(kind, ns, ref.name());
        if (found == null) {
            throw new InvalidTokenException(plural + " \"" + ref.name() + "\" not found");
        }
        if (found.deletionTimestamp() != null && found.deletionTimestamp().isBefore(deletedBefore)) {
            throw new InvalidTokenException(noun + " " + (ns == null ? "" : ns + "/") + ref.name() + " has been deleted");
        }
        if (!found.uid().equals(ref.uid())) {
            String subject = kind.equals("ServiceAccount") ? "service account" : noun;
            throw new InvalidTokenException(subject + " UID (" + found.uid() + ") does not match claim (" + ref.uid() + ")");
        }
    }

    private static UserInfo user(BoundClaims bound, String jti) {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        if (bound.pod() != null) {
            extra.put(ServiceAccounts.POD_NAME, List.of(bound.pod().name()));
            extra.put(ServiceAccounts.POD_UID, List.of(bound.pod().uid()));
        }
        if (bound.node() != null) {
            extra.put(ServiceAccounts.NODE_NAME, List.of(bound.node().name()));
            if (!bound.node().uid().isEmpty()) {
                extra.put(ServiceAccounts.NODE_UID, List.of(bound.node().uid()));
            }
        }
        if (jti != null && !jti.isEmpty()) {
            extra.put(ServiceAccounts.CREDENTIAL_ID, List.of("JTI=" + jti));
        }
        return new UserInfo(ServiceAccounts.username(bound.namespace(), bound.serviceAccount().name()),
                bound.serviceAccount().uid(), ServiceAccounts.groups(bound.namespace()), extra);
    }
}
