package io.k8j.cli;

import io.k8j.apiserver.pki.KubeconfigCredentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Proves the API answers over HTTPS with the admin kubeconfig before the server says it is ready; this
 * also warms the TLS path, so the first client does not pay for it.
 */
final class ReadyCheck {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ReadyCheck() {
    }

    static void await(Path kubeconfig) throws InterruptedException {
        KubeconfigCredentials creds = KubeconfigCredentials.read(kubeconfig);
        HttpClient client = HttpClient.newBuilder().sslContext(creds.sslContext()).connectTimeout(WAIT).build();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create(creds.server() + "/readyz")).timeout(WAIT).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the API did not answer /readyz within " + WAIT, last);
    }
}
