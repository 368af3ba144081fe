package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bootstrap tokens as kube stores them: the Secret {@code bootstrap-token-<id>} in kube-system, of type
 * {@code bootstrap.kubernetes.io/token}, which the API server's bootstrap token authenticator reads.
 */
final class BootstrapTokenSecrets {
    static final String NAMESPACE = "kube-system";
    static final String PREFIX = "bootstrap-token-";
    static final String TYPE = "bootstrap.kubernetes.io/token";
    /** The group k8j's join tokens add, which the CSR approver trusts through system:bootstrappers. */
    static final String DEFAULT_GROUP = "system:bootstrappers:k8j:default-node-token";
    private static final Pattern EXTRA_GROUP = Pattern.compile("^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$");

    private BootstrapTokenSecrets() {
    }

    /** {@code ttl} zero: the token never expires. */
    static Secret of(JoinToken token, Duration ttl, String description, List<String> groups, Instant now) {
        for (String group : groups) {
            if (!EXTRA_GROUP.matcher(group).matches()) {
                throw new StartupFailure("--groups: \"" + group + "\" must match " + EXTRA_GROUP.pattern());
            }
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("token-id", token.id());
        data.put("token-secret", token.secret());
        if (!ttl.isZero()) {
            data.put("expiration", now.plus(ttl).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        data.put("usage-bootstrap-authentication", "true");
        data.put("usage-bootstrap-signing", "true");
        data.put("auth-extra-groups", String.join(",", groups));
        if (description != null && !description.isEmpty()) {
            data.put("description", description);
        }
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(PREFIX + token.id()).withNamespace(NAMESPACE).endMetadata()
                .withType(TYPE).withData(encoded).build();
    }

    /** A value of the secret's data, decoded; empty when absent. */
    static String data(Secret secret, String key) {
        String value = secret.getData() == null ? null : secret.getData().get(key);
        return value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
