package io.k8j.apiserver.pki;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.k8j.apiserver.pki.ClusterPkiTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** The PEM files as the API server will use them: Vert.x serves them, a JDK client verifies them. */
class TlsRoundTripTest {
    private static final char[] PASSWORD = "unused".toCharArray();

    @TempDir
    Path dir;
    private Vertx vertx;
    private ClusterPki pki;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        pki = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(pki.servingCertFile().toString()).setKeyPath(pki.servingKeyFile().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(pki.caCertFile().toString()))
                .setClientAuth(ClientAuth.REQUEST);
        HttpServer server = vertx.createHttpServer(options).requestHandler(TlsRoundTripTest::whoAmI)
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void serverSeesTheAdminIdentity() throws Exception {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("admin", Pem.privateKey(pki.adminKeyPem()), PASSWORD,
                new Certificate[] {parse(pki.adminCertPem())});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, PASSWORD);

        assertThat(get(keys)).isEqualTo("CN=admin,O=system:masters");
    }

    @Test
    void clientWithoutCertificateIsAnonymousButTrustsTheServer() throws Exception {
        assertThat(get(null)).isEqualTo("anonymous");
    }

    /** Answers with the verified peer's subject, as authentication will read it. */
    private static void whoAmI(HttpServerRequest request) {
        String subject;
        try {
            subject = ((X509Certificate) request.connection().peerCertificates().getFirst())
                    .getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            subject = "anonymous";
        }
        request.response().end(subject);
    }

    /** GETs over HTTPS trusting only the cluster CA; hostname verification checks the 127.0.0.1 SAN. */
    private String get(KeyManagerFactory keys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", parse(pki.caCertPem()));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys == null ? null : keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}
