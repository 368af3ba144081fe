package io.k8j.apiserver.pki;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The key that signs service account tokens: {@code sa.key} (PKCS#8, mode 0600) and {@code sa.pub} in the PKI
 * directory, RSA 2048 as kubeadm makes it, created on first start. Its public half is derived from the private
 * key, so a lost or stale {@code sa.pub} is rewritten rather than trusted.
 */
public final class ServiceAccountKey {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountKey.class);
    private static final int BITS = 2048;

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private ServiceAccountKey(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static ServiceAccountKey loadOrCreate(Path pkiDir) {
        SecureFiles.createPrivateDirectory(pkiDir);
        Path keyFile = pkiDir.resolve("sa.key");
        Path pubFile = pkiDir.resolve("sa.pub");
        try {
            ServiceAccountKey key;
            if (Files.exists(keyFile)) {
                key = of(Pem.privateKey(Files.readString(keyFile)));
            } else {
                LOG.info("creating service account signing key {}", keyFile);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(BITS);
                KeyPair pair = generator.generateKeyPair();
                SecureFiles.writeAtomically(keyFile, Pem.encode(pair.getPrivate()), true);
                key = new ServiceAccountKey((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
            }
            String pub = Pem.encode(key.publicKey);
            if (!Files.exists(pubFile) || !Files.readString(pubFile).equals(pub)) {
                SecureFiles.writeAtomically(pubFile, pub, false);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }

    private static ServiceAccountKey of(java.security.PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("the service account key must be an RSA key");
        }
        RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new ServiceAccountKey(rsa, pub);
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }
}
