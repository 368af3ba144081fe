package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapTokenAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Map<String, ObjectNode> secrets = new HashMap<>();
    private final BootstrapTokenAuthenticator tokens = new BootstrapTokenAuthenticator(secrets::get,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void validTokenIsTheBootstrapUserWithItsExtraGroups() {
        secrets.put("bootstrap-token-abcdef", secret("abcdef", "0123456789abcdef", Map.of(
                "auth-extra-groups", "system:bootstrappers:k8j:default-node-token", "expiration", "2026-01-02T00:00:00Z")));

        var user = tokens.authenticate("abcdef.0123456789abcdef", List.of()).user();

        assertThat(user.name()).isEqualTo("system:bootstrap:abcdef");
        assertThat(user.groups()).containsExactly("system:bootstrappers", "system:bootstrappers:k8j:default-node-token");
    }

    @Test
    void wrongSecretExpiredUnmarkedOrMalformedTokensAreNotAuthenticated() {
        secrets.put("bootstrap-token-abcdef", secret("abcdef", "0123456789abcdef", Map.of()));
        secrets.put("bootstrap-token-expird", secret("expird", "0123456789abcdef", Map.of("expiration", "2025-12-31T23:59:59Z")));
        ObjectNode unmarked = secret("nouses", "0123456789abcdef", Map.of());
        unmarked.with("data").remove("usage-bootstrap-authentication");
        secrets.put("bootstrap-token-nouses", unmarked);
        ObjectNode wrongType = secret("opaque", "0123456789abcdef", Map.of());
        wrongType.put("type", "Opaque");
        secrets.put("bootstrap-token-opaque", wrongType);

        assertThat(tokens.authenticate("abcdef.0123456789abcdeX", List.of())).isNull();
        assertThat(tokens.authenticate("expird.0123456789abcdef", List.of())).isNull();
        assertThat(tokens.authenticate("nouses.0123456789abcdef", List.of())).isNull();
        assertThat(tokens.authenticate("opaque.0123456789abcdef", List.of())).isNull();
        assertThat(tokens.authenticate("ABCDEF.0123456789abcdef", List.of())).isNull();
        assertThat(tokens.authenticate("nosuch.0123456789abcdef", List.of())).isNull();
    }

    @Test
    void extraGroupOutsideTheBootstrappersIsRefused() {
        secrets.put("bootstrap-token-abcdef", secret("abcdef", "0123456789abcdef",
                Map.of("auth-extra-groups", "system:masters")));
        assertThat(tokens.authenticate("abcdef.0123456789abcdef", List.of())).isNull();
    }

    private static ObjectNode secret(String id, String secretPart, Map<String, String> extra) {
        ObjectNode s = Json.object().put("apiVersion", "v1").put("kind", "Secret").put("type", BootstrapTokenAuthenticator.SECRET_TYPE);
        s.putObject("metadata").put("name", "bootstrap-token-" + id).put("namespace", "kube-system");
        ObjectNode data = s.putObject("data");
        Map<String, String> values = new HashMap<>(Map.of("token-id", id, "token-secret", secretPart,
                "usage-bootstrap-authentication", "true"));
        values.putAll(extra);
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return s;
    }
}
