package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import io.k8j.api.Json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs bound service account tokens as kube-apiserver does: RS256 with a {@code kid} derived from the public
 * key, claims {@code aud exp iat iss jti kubernetes.io nbf sub} (written in that order, as go-jose does).
 */
public final class ServiceAccountTokenIssuer {
    private final String issuer;
    private final RSASSASigner signer;
    private final JWSHeader header;

    public ServiceAccountTokenIssuer(String issuer, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.issuer = issuer;
        this.signer = new RSASSASigner(privateKey);
        // Parsed from its encoded form so that it is written as is: {"alg":"RS256","kid":...}, kube's order.
        try {
            this.header = JWSHeader.parse(Base64URL.encode(
                    Json.object().put("alg", JWSAlgorithm.RS256.getName()).put("kid", keyId(publicKey)).toString()));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /**
     * @param expirationSeconds lifetime from {@code now}
     * @param warnAfterSeconds 0, or when (from now) the kubelet's extended token becomes stale
     */
    public String issue(Instant now, List<String> audiences, long expirationSeconds, long warnAfterSeconds,
                        BoundClaims claims) {
        long iat = now.getEpochSecond();
        BoundClaims bound = warnAfterSeconds == 0 ? claims : new BoundClaims(claims.namespace(),
                claims.serviceAccount(), claims.pod(), claims.secret(), claims.node(), iat + warnAfterSeconds);
        ObjectNode payload = Json.object();
        audiences.forEach(payload.putArray("aud")::add);
        payload.put("exp", iat + expirationSeconds).put("iat", iat).put("iss", issuer)
                .put("jti", UUID.randomUUID().toString());
        payload.set(BoundClaims.CLAIM, bound.json());
        payload.put("nbf", iat).put("sub", ServiceAccounts.username(claims.namespace(), claims.serviceAccount().name()));
        try {
            JWSObject jws = new JWSObject(header, new Payload(payload.toString()));
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a service account token", e);
        }
    }

    /** kube's keyIDFromPublicKey: unpadded base64url of the SHA-256 of the PKIX DER public key. */
    static String keyId(RSAPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
