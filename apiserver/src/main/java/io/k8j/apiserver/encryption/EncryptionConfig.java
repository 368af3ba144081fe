package io.k8j.apiserver.encryption;

import java.util.List;

/**
 * kube's EncryptionConfiguration (apiserver.config.k8s.io/v1): for each group of resources, the providers in
 * order; the first encrypts new writes, all of them decrypt.
 */
public record EncryptionConfig(List<Rule> rules) {
    public static final String API_VERSION = "apiserver.config.k8s.io/v1";
    public static final String KIND = "EncryptionConfiguration";

    /** {@code resources}: "secrets", "deployments.apps", "*.apps", "*." (every core resource) or "*.*". */
    public record Rule(List<String> resources, List<Provider> providers) {
    }

    /** {@code type}: aescbc, aesgcm, secretbox or identity (which has no keys). */
    public record Provider(String type, List<Key> keys) {
    }

    /** {@code secret}: the key's bytes, base64 encoded as in the file. */
    public record Key(String name, String secret) {
    }
}
