package io.k8j.apiserver.encryption;

import io.k8j.storage.transform.TransformException;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/** kube's aescbc: a random 16-byte IV, then AES-CBC with PKCS#7 padding; the key is not authenticated. */
final class AesCbc implements ValueCipher {
    private static final int BLOCK = 16;
    private final SecureRandom random = new SecureRandom();

    @Override
    public boolean validKeyLength(int length) {
        return length == 16 || length == 24 || length == 32;
    }

    @Override
    public byte[] seal(byte[] key, byte[] plain, byte[] aad) {
        byte[] iv = new byte[BLOCK];
        random.nextBytes(iv);
        try {
            byte[] body = cipher(Cipher.ENCRYPT_MODE, key, iv).doFinal(plain);
            byte[] out = Arrays.copyOf(iv, BLOCK + body.length);
            System.arraycopy(body, 0, out, BLOCK, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC is unavailable", e);
        }
    }

    @Override
    public byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        if (sealed.length < BLOCK) {
            throw new TransformException("the stored data was shorter than the required size");
        }
        if (sealed.length % BLOCK != 0) {
            throw new TransformException("the stored data is not a multiple of the block size");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, BLOCK)).doFinal(sealed, BLOCK, sealed.length - BLOCK);
        } catch (BadPaddingException e) {
            throw new TransformException("invalid padding on input");
        } catch (GeneralSecurityException e) {
            throw new TransformException(e.getMessage(), e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c;
    }
}
