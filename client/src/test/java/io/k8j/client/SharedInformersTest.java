package io.k8j.client;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SharedInformersTest {
    /** Regression: a component stopped while its caches waited for an API server that never answered hung for ever. */
    @Test
    void closeReleasesAStartWaitingForAnUnansweringServer() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                     .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestTimeout(600_000)
                     .build()).build()) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (held.size() < 20) {
                        held.add(silent.accept()); // accepted, never answered
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            SharedInformers informers = new SharedInformers(client);
            CompletableFuture<Void> start = CompletableFuture.runAsync(() -> informers.start(ConfigMap.class));
            Thread.sleep(500);
            assertThat(start).isNotDone();

            informers.close();

            assertThat(start).failsWithin(5, TimeUnit.SECONDS);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
