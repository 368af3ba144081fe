package io.k8j.storage.transform;

/**
 * Turns values into what a backend stores and back, e.g. encrypts them (kube's value.Transformer). Both
 * directions see the key, which an authenticating cipher may bind the value to. A stored value starts with a
 * prefix naming how it was stored (kube's {@code k8s:enc:aescbc:v1:KEYNAME:}; empty when stored as is).
 */
public interface ValueTransformer {

    /** What to store for {@code value} under {@code key}. */
    byte[] toStorage(String key, byte[] value);

    /** The value {@code stored} under {@code key} holds; throws {@link TransformException} when it cannot be read. */
    Read fromStorage(String key, byte[] stored);

    /** The prefix {@link #toStorage} writes for {@code key} now ("" for none). */
    String writePrefix(String key);

    /** A value read back, and the prefix it was stored under. */
    record Read(byte[] value, String storedPrefix) {
    }
}
