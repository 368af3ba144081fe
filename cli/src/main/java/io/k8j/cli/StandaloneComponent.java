package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** What the standalone component commands share: a client from a kubeconfig, and running until SIGTERM. */
final class StandaloneComponent {
    private StandaloneComponent() {
    }

    static KubernetesClient client(Path kubeconfig) throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    /**
     * A client for heartbeats, as the kubelet's: a request gives up after {@code timeout} and is not
     * retried, since the next beat replaces it; fabric8's default retries back off for minutes, which
     * would keep a node silent long after the API server caught up.
     */
    static KubernetesClient heartbeatClient(Path kubeconfig, Duration timeout) throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
        config.setRequestRetryBackoffLimit(0);
        config.setRequestTimeout((int) timeout.toMillis());
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Blocks until the JVM is asked to stop, then runs {@code shutdown}. */
    static void runUntilTerminated(Runnable shutdown) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.run();
            stopped.countDown();
        }, "k8j-shutdown"));
        stopped.await();
    }
}
