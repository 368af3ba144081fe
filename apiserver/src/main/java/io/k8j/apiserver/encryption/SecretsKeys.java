package io.k8j.apiserver.encryption;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The edits {@code k8j secrets-encrypt} makes to an encryption configuration, as k3s makes them: a new
 * configuration encrypting secrets with a generated aescbc key (identity after it, so secrets written before still
 * read), a new key put first in the provider that encrypts secrets, and the other keys of that provider dropped.
 */
public final class SecretsKeys {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretsKeys() {
    }

    /** aescbc with one new key, then identity, for secrets. */
    public static EncryptionConfig generated(Instant now) {
        return new EncryptionConfig(List.of(new EncryptionConfig.Rule(List.of("secrets"), List.of(
                new EncryptionConfig.Provider("aescbc", List.of(newKey("aescbc", now, List.of()))),
                new EncryptionConfig.Provider("identity", List.of())))));
    }

    /** The provider that encrypts new secrets, or null when secrets are stored as they are. */
    public static EncryptionConfig.Provider active(EncryptionConfig config) {
        int rule = ruleForSecrets(config);
        if (rule < 0) {
            return null;
        }
        EncryptionConfig.Provider first = config.rules().get(rule).providers().getFirst();
        return first.type().equals("identity") ? null : first;
    }

    /** Whether the rule for secrets names other resources too: their values are not rewritten by a rotation. */
    public static boolean sharesKeysWithOtherResources(EncryptionConfig config) {
        int rule = ruleForSecrets(config);
        return rule >= 0 && !config.rules().get(rule).resources().equals(List.of("secrets"));
    }

    /** {@code config} with a new key first in the provider that encrypts secrets; throws IllegalStateException without one. */
    public static EncryptionConfig withNewKey(EncryptionConfig config, Instant now) {
        EncryptionConfig.Provider active = requireActive(config);
        List<EncryptionConfig.Key> keys = new ArrayList<>();
        keys.add(newKey(active.type(), now, active.keys()));
        keys.addAll(active.keys());
        return replaceActive(config, new EncryptionConfig.Provider(active.type(), keys));
    }

    /** {@code config} with only the first key of the provider that encrypts secrets. */
    public static EncryptionConfig withoutOldKeys(EncryptionConfig config) {
        EncryptionConfig.Provider active = requireActive(config);
        return replaceActive(config, new EncryptionConfig.Provider(active.type(), List.of(active.keys().getFirst())));
    }

    private static EncryptionConfig.Provider requireActive(EncryptionConfig config) {
        EncryptionConfig.Provider active = active(config);
        if (active == null) {
            throw new IllegalStateException("secrets are not encrypted by this configuration (no rule for secrets, or identity first)");
        }
        return active;
    }

    private static EncryptionConfig replaceActive(EncryptionConfig config, EncryptionConfig.Provider provider) {
        int index = ruleForSecrets(config);
        List<EncryptionConfig.Rule> rules = new ArrayList<>(config.rules());
        EncryptionConfig.Rule rule = rules.get(index);
        List<EncryptionConfig.Provider> providers = new ArrayList<>(rule.providers());
        providers.set(0, provider);
        rules.set(index, new EncryptionConfig.Rule(rule.resources(), providers));
        return new EncryptionConfig(rules);
    }

    private static int ruleForSecrets(EncryptionConfig config) {
        for (int i = 0; i < config.rules().size(); i++) {
            if (config.rules().get(i).resources().stream().anyMatch(r -> ResourceEncryption.matches(r, "", "secrets"))) {
                return i;
            }
        }
        return -1;
    }

    /** 32 random bytes (a size every provider takes), named after the provider and the time, unique among {@code existing}. */
    private static EncryptionConfig.Key newKey(String type, Instant now, List<EncryptionConfig.Key> existing) {
        String base = type + "key-" + STAMP.format(now);
        String name = base;
        for (int n = 2; contains(existing, name); n++) {
            name = base + "-" + n;
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new EncryptionConfig.Key(name, Base64.getEncoder().encodeToString(secret));
    }

    private static boolean contains(List<EncryptionConfig.Key> keys, String name) {
        return keys.stream().anyMatch(k -> k.name().equals(name));
    }
}
