package io.k8j.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many short exec sessions through the API server's relay to the kubelet, each checked byte for byte: fabric8
 * execs whose stdin is echoed back by {@code head -c}, and fabric8 uploads, which write a file's bytes and close
 * the WebSocket at once (often before the API server's own connection to the kubelet is up) and then check the
 * size with another exec.
 */
class ExecStressE2ETest {
    private static final int EXECS = 200;
    private static final int UPLOADS = 60;
    /** Stops a hang; generous, as CI machines are shared. */
    private static final Duration BOUND = Duration.ofSeconds(240);
    private static Path dataDir;
    private static Path uploads;
    private static K8jServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("k8j-stress-e2e-");
        uploads = Files.createTempDirectory("k8j-stress-uploads-");
        server = K8jServer.start(dataDir, List.of("--node-name", "stress-node", "--kubelet-port", "0",
                "--pod-loopback-block", "73"));
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("run", "box", "--image=busybox", "--restart=Never", "--command", "--", "sleep", "3600");
            kubectl.ok("wait", "--for=jsonpath={.status.phase}=Running", "pod/box", "--timeout=60s");
        }
        Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
        config.setRequestTimeout(60_000); // a shared CI machine may be slow; BOUND limits the whole run
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
        K8jServer.deleteTree(dataDir);
        K8jServer.deleteTree(uploads);
    }

    @Test
    void everyExecGetsBackTheBytesItSentAndItsExitCode() throws Exception {
        long started = System.nanoTime();
        List<Future<?>> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < EXECS; i++) {
                byte[] payload = payload(i, 1 + (i * 7919) % 48_000);
                sessions.add(pool.submit(() -> {
                    execEcho(payload);
                    return null;
                }));
            }
            awaitAll(sessions, started);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyUploadThatClosesAtOnceArrivesWhole() throws Exception {
        long started = System.nanoTime();
        List<Future<?>> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < UPLOADS; i++) {
                byte[] payload = payload(1000 + i, 1 + (i * 104_729) % 64_000);
                Path target = uploads.resolve("upload-" + i + ".bin");
                sessions.add(pool.submit(() -> {
                    assertThat(box().file(target.toString()).upload(new ByteArrayInputStream(payload)))
                            .as("upload of %d bytes to %s", payload.length, target).isTrue();
                    assertThat(Files.readAllBytes(target)).isEqualTo(payload);
                    return null;
                }));
            }
            awaitAll(sessions, started);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code head -c N} gives back exactly what came on stdin, then the session ends with exit code 0. */
    private static void execEcho(byte[] payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch exec = box().readingInput(new ByteArrayInputStream(payload)).writingOutput(out)
                .exec("head", "-c", String.valueOf(payload.length))) {
            assertThat(exec.exitCode().get(60, TimeUnit.SECONDS)).isZero();
        }
        // fabric8 hands output on from its own executor: all of it comes, but possibly after the exit code
        await().atMost(Duration.ofSeconds(10)).until(() -> out.size() >= payload.length);
        assertThat(out.toByteArray()).isEqualTo(payload);
    }

    private static PodResource box() {
        return client.pods().inNamespace("default").withName("box");
    }

    private static void awaitAll(List<Future<?>> sessions, long started) throws Exception {
        for (Future<?> s : sessions) {
            long left = BOUND.toNanos() - (System.nanoTime() - started);
            s.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        }
    }

    /** Bytes of every value, NUL and newlines included, different for each session. */
    private static byte[] payload(int seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
