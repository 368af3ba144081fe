package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** What the standalone component commands share: a client from a kubeconfig, and running until SIGTERM. */
final class StandaloneComponent {
    private StandaloneComponent() {
    }

    /** A client for the kubeconfig's API server, which must answer now: a component without it cannot start. */
    static KubernetesClient client(Path kubeconfig) {
        Config config = InputFiles.kubeconfig(kubeconfig);
        ApiReachability.check(config, "check --kubeconfig");
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * A client for heartbeats, as the kubelet's: a request gives up after {@code timeout} and is not
     * retried, since the next beat replaces it; fabric8's default retries back off for minutes, which
     * would keep a node silent long after the API server caught up.
     */
    static KubernetesClient heartbeatClient(Path kubeconfig, Duration timeout) {
        Config config = InputFiles.kubeconfig(kubeconfig);
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
