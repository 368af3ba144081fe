package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import io.k8j.api.Json;
import io.k8j.apiserver.http.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAccountTokenAuthenticatorTest {
    private static final String ISSUER = AuthenticationOptions.DEFAULT_ISSUER;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();
    private static final BoundClaims.Ref SA = new BoundClaims.Ref("robot", "sa-uid");
    private static final BoundClaims.Ref POD = new BoundClaims.Ref("web", "pod-uid");

    /** What the "cluster" holds: kind/ns/name -> object; every test starts with the account and its pod. */
    private final Map<String, BoundObjects.Found> objects = new HashMap<>(Map.of(
            "ServiceAccount/ns/robot", new BoundObjects.Found("sa-uid", null),
            "Pod/ns/web", new BoundObjects.Found("pod-uid", null)));
    private final ServiceAccountTokenAuthenticator authenticator = new ServiceAccountTokenAuthenticator(
            List.of(ISSUER), List.of((RSAPublicKey) KEYS.getPublic()), List.of(ISSUER),
            (kind, ns, name) -> objects.get(kind + "/" + (ns == null ? "" : ns) + "/" + name),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void podBoundTokenIsTheAccountWithThePodInExtra() {
        String token = issuer(KEYS).issue(NOW, List.of(ISSUER), 3600, 0,
                new BoundClaims("ns", SA, POD, null, new BoundClaims.Ref("node-1", "node-uid"), 0));

        Authenticated result = authenticator.authenticate(token, List.of());

        UserInfo user = result.user();
        assertThat(user.name()).isEqualTo("system:serviceaccount:ns:robot");
        assertThat(user.uid()).isEqualTo("sa-uid");
        assertThat(user.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:ns");
        assertThat(user.extra()).containsEntry("authentication.kubernetes.io/pod-name", List.of("web"))
                .containsEntry("authentication.kubernetes.io/pod-uid", List.of("pod-uid"))
                .containsEntry("authentication.kubernetes.io/node-name", List.of("node-1"))
                .containsEntry("authentication.kubernetes.io/node-uid", List.of("node-uid"))
                .containsKey("authentication.kubernetes.io/credential-id");
        assertThat(user.extra().get("authentication.kubernetes.io/credential-id").get(0)).startsWith("JTI=");
        assertThat(result.audiences()).containsExactly(ISSUER);
    }

    @Test
    void tokenOfAnotherIssuerOrNoJwtIsLeftToOtherAuthenticators() {
        assertThat(authenticator.authenticate("abcdef.0123456789abcdef", List.of())).isNull();
        String foreign = new ServiceAccountTokenIssuer("https://elsewhere", (RSAPrivateKey) KEYS.getPrivate(),
                (RSAPublicKey) KEYS.getPublic()).issue(NOW, List.of(ISSUER), 3600, 0, account());
        assertThat(authenticator.authenticate(foreign, List.of())).isNull();
    }

    @Test
    void requestedAudiencesReplaceTheApiAudiences() {
        String token = issuer(KEYS).issue(NOW, List.of("vault"), 3600, 0, account());
        assertThat(authenticator.authenticate(token, List.of("vault", "other")).audiences()).containsExactly("vault");
        assertThatThrownBy(() -> authenticator.authenticate(token, List.of())).hasMessage(
                "token audiences [\"vault\"] is invalid for the target audiences [\"" + ISSUER + "\"]");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("signed by another key", (Consumer<Case>) t -> t.keys = OTHER_KEYS,
                        "go-jose/go-jose: error in cryptographic primitive"),
                Arguments.of("tampered payload", (Consumer<Case>) t -> t.tamper = true,
                        "go-jose/go-jose: error in cryptographic primitive"),
                Arguments.of("expired beyond the leeway", (Consumer<Case>) t -> t.issuedAt = NOW.minusSeconds(3600 + 61),
                        "service account token has expired"),
                Arguments.of("not valid before the future", (Consumer<Case>) t -> t.issuedAt = NOW.plusSeconds(120),
                        "service account token claims could not be validated due to unexpected validation error"),
                Arguments.of("wrong audience", (Consumer<Case>) t -> t.audiences = List.of("someone-else"),
                        "token audiences [\"someone-else\"] is invalid for the target audiences [\"" + ISSUER + "\"]"),
                Arguments.of("deleted service account", (Consumer<Case>) t -> t.remove = "ServiceAccount/ns/robot",
                        "serviceaccounts \"robot\" not found"),
                Arguments.of("service account re-created", (Consumer<Case>) t -> t.replace = "ServiceAccount/ns/robot",
                        "service account UID (new-uid) does not match claim (sa-uid)"),
                Arguments.of("deleted pod", (Consumer<Case>) t -> t.remove = "Pod/ns/web", "pods \"web\" not found"),
                Arguments.of("pod re-created", (Consumer<Case>) t -> t.replace = "Pod/ns/web",
                        "pod UID (new-uid) does not match claim (pod-uid)"),
                Arguments.of("pod deleting for over a minute", (Consumer<Case>) t -> t.deleting = "Pod/ns/web",
                        "pod ns/web has been deleted"),
                Arguments.of("deleted secret", (Consumer<Case>) t -> t.secret = true, "secrets \"token-holder\" not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithKubesMessage(String name, Consumer<Case> change, String message) {
        Case c = new Case();
        change.accept(c);
        String token = issuer(c.keys).issue(c.issuedAt, c.audiences, 3600, 0, new BoundClaims("ns", SA, POD,
                c.secret ? new BoundClaims.Ref("token-holder", "secret-uid") : null, null, 0));
        if (c.tamper) {
            String[] parts = token.split("\\.");
            ObjectNode payload = Json.parseObject(Base64.getUrlDecoder().decode(parts[1]));
            payload.withObject("/kubernetes.io").withObject("/serviceaccount").put("name", "admin");
            token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.toString().getBytes())
                    + "." + parts[2];
        }
        if (c.remove != null) {
            objects.remove(c.remove);
        }
        if (c.replace != null) {
            objects.put(c.replace, new BoundObjects.Found("new-uid", null));
        }
        if (c.deleting != null) {
            objects.put(c.deleting, new BoundObjects.Found(objects.get(c.deleting).uid(), NOW.minus(Duration.ofSeconds(61))));
        }
        String signed = token;
        assertThatThrownBy(() -> authenticator.authenticate(signed, List.of()))
                .isInstanceOf(InvalidTokenException.class).hasMessage(message);
    }

    @Test
    void objectDeletedWithinTheLeewayStillAuthenticates() {
        objects.put("Pod/ns/web", new BoundObjects.Found("pod-uid", NOW.minusSeconds(30)));
        String token = issuer(KEYS).issue(NOW, List.of(ISSUER), 3600, 0, new BoundClaims("ns", SA, POD, null, null, 0));
        assertThat(authenticator.authenticate(token, List.of())).isNotNull();
    }

    @Test
    void unsignedTokenIsRefused() {
        String token = issuer(KEYS).issue(NOW, List.of(ISSUER), 3600, 0, account());
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + token.split("\\.")[1] + ".";
        assertThat(authenticator.authenticate(none, List.of())).isNull();
        JWSObject hs = new JWSObject(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS512),
                new Payload(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]))));
        try {
            hs.sign(new RSASSASigner(KEYS.getPrivate()));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> authenticator.authenticate(hs.serialize(), List.of()))
                .hasMessage("go-jose/go-jose: error in cryptographic primitive");
    }

    @Test
    void claimsAreWrittenAsKubeWritesThem() {
        String token = issuer(KEYS).issue(NOW, List.of(ISSUER), 3607, 3607, new BoundClaims("ns", SA, POD, null, null, 0));
        String[] parts = token.split("\\.");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]))).startsWith("{\"alg\":\"RS256\",\"kid\":\"");
        ObjectNode payload = Json.parseObject(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload.properties().stream().map(java.util.Map.Entry::getKey).toList()).containsExactly("aud", "exp", "iat", "iss", "jti", "kubernetes.io", "nbf", "sub");
        assertThat(payload.get("aud").isArray()).isTrue();
        assertThat(payload.get("kubernetes.io").toString()).isEqualTo("{\"namespace\":\"ns\",\"pod\":{\"name\":\"web\","
                + "\"uid\":\"pod-uid\"},\"serviceaccount\":{\"name\":\"robot\",\"uid\":\"sa-uid\"},\"warnafter\":"
                + (NOW.getEpochSecond() + 3607) + "}");
        assertThat(payload.get("sub").asText()).isEqualTo("system:serviceaccount:ns:robot");
    }

    /** One way to spoil a token, and the cluster it meets. */
    static final class Case {
        KeyPair keys = KEYS;
        Instant issuedAt = NOW;
        List<String> audiences = List.of(ISSUER);
        boolean tamper;
        boolean secret;
        String remove;
        String replace;
        String deleting;
    }

    private static BoundClaims account() {
        return new BoundClaims("ns", SA, null, null, null, 0);
    }

    private static ServiceAccountTokenIssuer issuer(KeyPair keys) {
        return new ServiceAccountTokenIssuer(ISSUER, (RSAPrivateKey) keys.getPrivate(), (RSAPublicKey) keys.getPublic());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
