package io.k8j.apiserver.encryption;

import io.k8j.storage.transform.TransformException;
import io.k8j.storage.transform.ValueTransformer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The providers of one resource rule, as kube's prefix transformer runs them: writes use the first provider's
 * first key, under the prefix {@code k8s:enc:<provider>:v1:<key name>:}; a read uses the key whose prefix the
 * value starts with, wherever it is in the list. identity writes values as they are and reads any value without
 * the {@code k8s:enc:} prefix.
 */
final class ProviderChain {
    static final String ENCRYPTED = "k8s:enc:";
    private static final Map<String, ValueCipher> CIPHERS = Map.of("aescbc", new AesCbc(), "aesgcm", new AesGcm(),
            "secretbox", new Secretbox());

    /** One usable key: its stored prefix, its cipher and its bytes; for identity, an empty prefix and no cipher. */
    private record PrefixedKey(String prefix, byte[] prefixBytes, ValueCipher cipher, byte[] secret) {
    }

    private final List<PrefixedKey> keys;

    private ProviderChain(List<PrefixedKey> keys) {
        this.keys = keys;
    }

    /** Throws IllegalArgumentException for a provider without keys, a key that is not base64, or of a wrong size. */
    static ProviderChain of(List<EncryptionConfig.Provider> providers) {
        List<PrefixedKey> keys = new ArrayList<>();
        for (EncryptionConfig.Provider p : providers) {
            if (p.type().equals("identity")) {
                keys.add(new PrefixedKey("", new byte[0], null, null));
                continue;
            }
            if (p.keys().isEmpty()) {
                throw new IllegalArgumentException(p.type() + " provider needs at least one key");
            }
            for (EncryptionConfig.Key k : p.keys()) {
                byte[] secret;
                try {
                    secret = Base64.getDecoder().decode(k.secret());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("could not obtain secret for named key " + k.name() + ": " + e.getMessage());
                }
                ValueCipher cipher = CIPHERS.get(p.type());
                if (k.name().isEmpty() || !cipher.validKeyLength(secret.length)) {
                    throw new IllegalArgumentException(p.type() + " key " + (k.name().isEmpty() ? "without a name" : k.name())
                            + ": a key needs a name and a valid length (" + secret.length + " bytes given)");
                }
                String prefix = ENCRYPTED + p.type() + ":v1:" + k.name() + ":";
                keys.add(new PrefixedKey(prefix, prefix.getBytes(StandardCharsets.UTF_8), cipher, secret));
            }
        }
        return new ProviderChain(keys);
    }

    String writePrefix() {
        return keys.getFirst().prefix();
    }

    byte[] seal(String storageKey, byte[] value) {
        PrefixedKey k = keys.getFirst();
        if (k.cipher() == null) {
            return value;
        }
        byte[] sealed = k.cipher().seal(k.secret(), value, storageKey.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(k.prefixBytes(), k.prefixBytes().length + sealed.length);
        System.arraycopy(sealed, 0, out, k.prefixBytes().length, sealed.length);
        return out;
    }

    ValueTransformer.Read open(String storageKey, byte[] stored) {
        boolean encrypted = startsWith(stored, ENCRYPTED.getBytes(StandardCharsets.UTF_8));
        for (PrefixedKey k : keys) {
            if (k.cipher() == null) {
                if (!encrypted) {
                    return new ValueTransformer.Read(stored, "");
                }
            } else if (startsWith(stored, k.prefixBytes())) {
                byte[] sealed = Arrays.copyOfRange(stored, k.prefixBytes().length, stored.length);
                return new ValueTransformer.Read(k.cipher().open(k.secret(), sealed, storageKey.getBytes(StandardCharsets.UTF_8)), k.prefix());
            }
        }
        throw new TransformException(encrypted ? "no matching prefix found (encrypted with a key that is not configured)"
                : "no matching prefix found (stored unencrypted, and the identity provider is not configured)");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
