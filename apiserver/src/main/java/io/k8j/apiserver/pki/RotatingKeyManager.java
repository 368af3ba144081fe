package io.k8j.apiserver.pki;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client key manager whose certificate can be replaced while TLS clients built with it keep running, as
 * client-go's rotating transport does: each new handshake presents the latest certificate, connections already
 * open keep theirs. Each certificate gets its own alias, so a handshake that chose one while it was replaced still
 * gets that certificate's key.
 */
public final class RotatingKeyManager extends X509ExtendedKeyManager {
    private record Identity(String alias, X509Certificate cert, PrivateKey key) {
    }

    private final AtomicInteger generation = new AtomicInteger();
    private volatile Identity current;
    private volatile Identity previous;

    /** Throws IllegalArgumentException when the PEM texts are not a certificate and a private key. */
    public RotatingKeyManager(String certPem, String keyPem) {
        current = identity(certPem, keyPem);
    }

    /** Presents {@code certPem} from the next handshake on. */
    public synchronized void update(String certPem, String keyPem) {
        Identity next = identity(certPem, keyPem);
        previous = current;
        current = next;
    }

    private Identity identity(String certPem, String keyPem) {
        return new Identity("client-" + generation.incrementAndGet(), Pem.certificate(certPem), Pem.privateKey(keyPem));
    }

    private Identity byAlias(String alias) {
        Identity now = current;
        Identity before = previous;
        return now.alias().equals(alias) ? now : before != null && before.alias().equals(alias) ? before : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return current.alias();
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return current.alias();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[]{current.alias()};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Identity identity = byAlias(alias);
        return identity == null ? null : new X509Certificate[]{identity.cert()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Identity identity = byAlias(alias);
        return identity == null ? null : identity.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null; // a client's key manager
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
