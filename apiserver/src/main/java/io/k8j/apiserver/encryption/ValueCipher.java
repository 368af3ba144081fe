package io.k8j.apiserver.encryption;

import io.k8j.storage.transform.TransformException;

/** One of kube's at-rest ciphers, with its output laid out as kube's provider lays it out after the prefix. */
interface ValueCipher {

    /** Whether {@code length} bytes make a key this cipher takes. */
    boolean validKeyLength(int length);

    /** {@code aad}: data bound to the result (the storage key), for ciphers that authenticate it. */
    byte[] seal(byte[] key, byte[] plain, byte[] aad);

    /** Throws {@link TransformException} with kube's reason when {@code sealed} is not what {@link #seal} made. */
    byte[] open(byte[] key, byte[] sealed, byte[] aad);
}
