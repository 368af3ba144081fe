package io.k8j.apiserver.encryption;

import io.k8j.storage.transform.TransformException;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * kube's secretbox: a random 24-byte nonce, then NaCl's secretbox (XSalsa20-Poly1305) as Go's
 * {@code secretbox.Seal} lays it out: the 16-byte tag, then the ciphertext. The first 32 bytes of the XSalsa20
 * stream are the one-time Poly1305 key; the message is XORed with the stream after them.
 */
final class Secretbox implements ValueCipher {
    private static final int NONCE = 24;
    private static final int TAG = 16;
    private final SecureRandom random = new SecureRandom();

    @Override
    public boolean validKeyLength(int length) {
        return length == 32;
    }

    @Override
    public byte[] seal(byte[] key, byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        Box box = new Box(key, nonce);
        byte[] body = box.xor(plain);
        byte[] out = new byte[NONCE + TAG + body.length];
        System.arraycopy(nonce, 0, out, 0, NONCE);
        System.arraycopy(box.tag(body), 0, out, NONCE, TAG);
        System.arraycopy(body, 0, out, NONCE + TAG, body.length);
        return out;
    }

    @Override
    public byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        if (sealed.length < NONCE + TAG) {
            throw new TransformException("the stored data was shorter than the required size");
        }
        Box box = new Box(key, Arrays.copyOf(sealed, NONCE));
        byte[] body = Arrays.copyOfRange(sealed, NONCE + TAG, sealed.length);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(sealed, NONCE, NONCE + TAG), box.tag(body))) {
            throw new TransformException("secretbox: message authentication failed");
        }
        return box.xor(body);
    }

    /** The XSalsa20 stream of one key and nonce, past the Poly1305 key it begins with. */
    private static final class Box {
        private final XSalsa20Engine stream = new XSalsa20Engine();
        private final byte[] macKey = new byte[32];

        Box(byte[] key, byte[] nonce) {
            stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
            stream.processBytes(new byte[32], 0, 32, macKey, 0);
        }

        byte[] xor(byte[] in) {
            byte[] out = new byte[in.length];
            stream.processBytes(in, 0, in.length, out, 0);
            return out;
        }

        byte[] tag(byte[] body) {
            Poly1305 mac = new Poly1305();
            mac.init(new KeyParameter(macKey));
            mac.update(body, 0, body.length);
            byte[] tag = new byte[TAG];
            mac.doFinal(tag, 0);
            return tag;
        }
    }
}
