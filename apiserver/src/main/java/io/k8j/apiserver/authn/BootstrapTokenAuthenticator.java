package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.apiserver.http.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bootstrap tokens, as kube's bootstrap token authenticator: {@code ID.SECRET} is looked up as the Secret
 * {@code bootstrap-token-ID} in kube-system, of type {@code bootstrap.kubernetes.io/token}, not deleting, not
 * expired, marked {@code usage-bootstrap-authentication: "true"}. The user is {@code system:bootstrap:ID} in
 * {@code system:bootstrappers} and the secret's {@code auth-extra-groups}. Any mismatch leaves the token to
 * the other authenticators (kube logs the reason and answers "not mine").
 */
public final class BootstrapTokenAuthenticator implements TokenAuthenticator {
    public static final String SECRET_TYPE = "bootstrap.kubernetes.io/token";
    public static final String SECRET_PREFIX = "bootstrap-token-";
    static final String DEFAULT_GROUP = "system:bootstrappers";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapTokenAuthenticator.class);
    private static final Pattern TOKEN = Pattern.compile("^([a-z0-9]{6})\\.([a-z0-9]{16})$");
    private static final Pattern EXTRA_GROUP = Pattern.compile("^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$");

    private final Function<String, JsonNode> kubeSystemSecrets;
    private final Clock clock;

    /** {@code kubeSystemSecrets}: a kube-system Secret by name, or null. */
    public BootstrapTokenAuthenticator(Function<String, JsonNode> kubeSystemSecrets, Clock clock) {
        this.kubeSystemSecrets = kubeSystemSecrets;
        this.clock = clock;
    }

    @Override
    public Authenticated authenticate(String token, List<String> audiences) {
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return null;
        }
        String id = m.group(1);
        JsonNode secret = kubeSystemSecrets.apply(SECRET_PREFIX + id);
        if (secret == null) {
            return null;
        }
        String problem = problem(secret, id, m.group(2));
        if (problem != null) {
            LOG.info("bootstrap secret kube-system/{}{} {}", SECRET_PREFIX, id, problem);
            return null;
        }
        TreeSet<String> groups = new TreeSet<>(List.of(DEFAULT_GROUP));
        String extra = data(secret, "auth-extra-groups");
        if (!extra.isEmpty()) {
            for (String group : extra.split(",")) {
                if (!EXTRA_GROUP.matcher(group.trim()).matches()) {
                    LOG.info("bootstrap secret kube-system/{}{} has invalid value for key auth-extra-groups: {}",
                            SECRET_PREFIX, id, group);
                    return null;
                }
                groups.add(group.trim());
            }
        }
        return new Authenticated(new UserInfo("system:bootstrap:" + id, "", List.copyOf(groups), Map.of()), List.of());
    }

    /** Why the secret does not authenticate {@code secretPart}, or null when it does. */
    private String problem(JsonNode secret, String id, String secretPart) {
        if (!secret.path("metadata").path("deletionTimestamp").asText("").isEmpty()) {
            return "is deleted and awaiting removal";
        }
        if (!SECRET_TYPE.equals(secret.path("type").asText()) || !secret.has("data")) {
            return "has invalid type, expected " + SECRET_TYPE + ".";
        }
        if (!MessageDigest.isEqual(data(secret, "token-secret").getBytes(StandardCharsets.UTF_8),
                secretPart.getBytes(StandardCharsets.UTF_8))) {
            return "has invalid value for key token-secret.";
        }
        if (!data(secret, "token-id").equals(id)) {
            return "has invalid value for key token-id.";
        }
        String expiration = data(secret, "expiration");
        if (!expiration.isEmpty() && expired(expiration)) {
            return "has expired (" + expiration + ")";
        }
        if (!data(secret, "usage-bootstrap-authentication").equals("true")) {
            return "not marked usage-bootstrap-authentication=true.";
        }
        return null;
    }

    /** An unparsable expiration counts as expired, as kube's HasExpired. */
    private boolean expired(String expiration) {
        try {
            return !clock.instant().isBefore(Instant.parse(expiration));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static String data(JsonNode secret, String key) {
        String value = secret.path("data").path(key).asText("");
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
