package io.k8j.e2e;

import io.k8j.apiserver.pki.KubeconfigCredentials;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.RawHttps;
import io.k8j.e2e.support.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 TLS connections that finish their handshake and never send a request (over HTTP/1.1, HTTP/2 and no ALPN)
 * are all closed by the server after kube's 32 s header deadline, while quiet watches (HTTP/2 through kubectl,
 * HTTP/1.1 through the JDK client) that outlive it stay open.
 */
class IdleConnectionsE2ETest {
    private static final int CONNECTIONS = 1000;
    private static final Duration DEADLINE = Duration.ofSeconds(32);

    @RegisterExtension
    static final SharedServer K8J = new SharedServer();

    @Test
    void idleTlsConnectionsAreClosedAndQuietWatchesAreNot() throws Exception {
        String watch = "/api/v1/namespaces/kube-public/configmaps?watch=true&resourceVersion=0";
        KubeconfigCredentials admin = KubeconfigCredentials.read(K8J.kubectl(Kubectl.V133).kubeconfig());
        HttpClient http1 = HttpClient.newBuilder().sslContext(admin.sslContext()).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> h1Watch = http1.send(HttpRequest.newBuilder(URI.create(admin.server() + watch)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(h1Watch.statusCode()).isEqualTo(200);
        CountDownLatch h1Ended = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try (InputStream in = h1Watch.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // ended either way
            }
            h1Ended.countDown();
        });
        try (Kubectl.Background h2Watch = K8J.kubectl(Kubectl.V133).background("get", "--raw", watch);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            SSLContext tls = RawHttps.trusting(K8J.dataDir().resolve("pki/ca.crt"));
            URI server = URI.create(admin.server());
            ConcurrentLinkedQueue<Long> closedAfterMillis = new ConcurrentLinkedQueue<>();
            CountDownLatch closed = new CountDownLatch(CONNECTIONS);
            Semaphore handshakes = new Semaphore(32);
            List<SSLSocket> sockets = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(server.getHost(), server.getPort());
                sockets.add(socket);
                List<String> alpn = switch (i % 3) {
                    case 0 -> List.of("h2");
                    case 1 -> List.of("http/1.1");
                    default -> List.of();
                };
                threads.execute(() -> {
                    try {
                        handshakes.acquire();
                        try {
                            SSLParameters params = socket.getSSLParameters();
                            params.setApplicationProtocols(alpn.toArray(String[]::new));
                            socket.setSSLParameters(params);
                            socket.startHandshake();
                        } finally {
                            handshakes.release();
                        }
                        long handshaken = System.nanoTime();
                        while (socket.getInputStream().read() >= 0) {
                            // an HTTP/2 server sends its SETTINGS; the client says nothing at all
                        }
                        closedAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - handshaken));
                    } catch (Exception e) {
                        closedAfterMillis.add(-1L); // reset rather than closed: still the server letting go
                    } finally {
                        closed.countDown();
                    }
                });
            }
            try {
                assertThat(closed.await(DEADLINE.toSeconds() + 60, TimeUnit.SECONDS))
                        .as("connections still open: %d", closed.getCount()).isTrue();
            } finally {
                for (SSLSocket s : sockets) {
                    s.close();
                }
            }
            assertThat(closedAfterMillis).hasSize(CONNECTIONS);
            // Not before the deadline, less the scheduler's slack: it is the deadline that closed them.
            assertThat(closedAfterMillis.stream().filter(ms -> ms >= 0).mapToLong(Long::longValue).min().orElseThrow())
                    .isGreaterThan(DEADLINE.toMillis() - 2_000);

            assertThat(h2Watch.isAlive()).as("kubectl's HTTP/2 watch").isTrue();
            assertThat(h1Ended.getCount()).as("the HTTP/1.1 watch").isEqualTo(1);
            assertThat(h2Watch.output()).contains("kube-root-ca.crt");
        }
    }
}
