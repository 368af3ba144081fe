package io.k8j.cli;

import io.k8j.apiserver.pki.CaHash;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cluster CA, learnt from the API server's TLS handshake before the node trusts it: the server presents its
 * CA after its own certificate, and the CA counts only if its hash is the one the join token carries and it
 * signed the server's certificate. Nothing is sent but the handshake, so the token never reaches a server that
 * has not proven to be the cluster's.
 */
final class ServerCa {
    private static final int TIMEOUT_MILLIS = 10_000;

    private ServerCa() {
    }

    /** The CA's PEM; a server that presents no CA with {@code hash} is a one-line failure. */
    static String fetch(URI server, String hash) {
        AtomicReference<X509Certificate[]> presented = new AtomicReference<>();
        X509TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented.set(chain); // judged below, against the token's hash, before anything is sent
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        int port = server.getPort() == -1 ? 443 : server.getPort();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[]{capture}, null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(server.getHost(), port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
            }
        } catch (SSLException e) {
            throw new StartupFailure("cannot reach the API server at " + server + " (TLS: " + e.getMessage() + "); check --server");
        } catch (IOException e) {
            String reason = e instanceof ConnectException ? "connection refused" : e.toString();
            throw new StartupFailure("cannot reach the API server at " + server + " (" + reason + "); check --server");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks TLS", e);
        }
        X509Certificate[] chain = presented.get();
        String ca = chain == null ? null : CaHash.findCa(List.of(chain), hash);
        if (ca == null) {
            throw new StartupFailure("the API server at " + server + " does not present a CA with the token's hash "
                    + "sha256:" + hash + "; check the token (or --ca-cert-hash) and --server");
        }
        return ca;
    }
}
