package io.k8j.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client certificate signed by the cluster CA with openssl, as an administrator would make one: its PEM files
 * and a TLS context that presents it and trusts the cluster CA.
 */
public record ClusterCaClient(Path cert, Path key, SSLContext tls) {
    private static final char[] PASSWORD = "k8j-e2e".toCharArray();

    /** {@code subject} as openssl takes it, e.g. /O=developers/CN=bob; files go to {@code dir}. */
    public static ClusterCaClient issue(Path pki, Path dir, String subject) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ext"), "extendedKeyUsage=clientAuth\n");
            openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client.key");
            openssl(dir, "req", "-new", "-key", "client.key", "-subj", subject, "-out", "client.csr");
            openssl(dir, "x509", "-req", "-in", "client.csr", "-CA", pki.resolve("ca.crt").toString(), "-CAkey",
                    pki.resolve("ca.key").toString(), "-CAcreateserial", "-days", "1", "-extfile", "ext",
                    "-out", "client.crt");
            openssl(dir, "pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                    "-passout", "pass:" + new String(PASSWORD));
            return new ClusterCaClient(dir.resolve("client.crt"), dir.resolve("client.key"),
                    presenting(dir.resolve("client.p12"), pki.resolve("ca.crt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext presenting(Path p12, Path caFile) throws IOException {
        try (InputStream key = Files.newInputStream(p12); InputStream ca = Files.newInputStream(caFile)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(key, PASSWORD);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
