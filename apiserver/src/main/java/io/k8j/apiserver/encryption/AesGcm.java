package io.k8j.apiserver.encryption;

import io.k8j.storage.transform.TransformException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/** kube's aesgcm: a random 12-byte nonce, then AES-GCM ciphertext and 16-byte tag, authenticating the storage key. */
final class AesGcm implements ValueCipher {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();

    @Override
    public boolean validKeyLength(int length) {
        return length == 16 || length == 24 || length == 32;
    }

    @Override
    public byte[] seal(byte[] key, byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            byte[] body = cipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE + body.length);
            System.arraycopy(body, 0, out, NONCE, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new TransformException("the stored data was shorter than the required size");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE), aad).doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new TransformException("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new TransformException(e.getMessage(), e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad);
        return c;
    }
}
