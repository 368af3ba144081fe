package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** What the standalone component commands share: a client from a kubeconfig, and running until SIGTERM. */
final class StandaloneComponent {
    private StandaloneComponent() {
    }

    static KubernetesClient client(Path kubeconfig) throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
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
