package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.K8jServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write the server acknowledged survives a crash: SIGKILL the server in the middle of a write storm,
 * restart it on the same data dir, and find every configmap whose create answered 201.
 */
class DurabilityE2ETest {
    private static final int THREADS = 4;
    private static final int MAX_WRITES_PER_THREAD = 2_000;
    private static final int ACKS_BEFORE_KILL = 200;
    private static final long STORM_SECONDS = 30;

    private static Path dataDir;
    private static K8jServer server;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("k8j-durability-");
        server = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY));
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.close();
        }
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void acknowledgedCreatesSurviveSigkill() throws Exception {
        ApiClient api = ApiClient.fromKubeconfig(server.kubeconfig());
        String ns = "storm";
        assertThat(api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"storm\"}}")
                .code()).isEqualTo(201);
        String cms = "/api/v1/namespaces/" + ns + "/configmaps";

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STORM_SECONDS);
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            pool.execute(() -> {
                for (int i = 0; i < MAX_WRITES_PER_THREAD && !stop.get() && System.nanoTime() < deadline; i++) {
                    String name = "t" + thread + "-" + i;
                    try {
                        ApiClient.Response r = api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                + "\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"i\":\"" + i + "\"}}");
                        if (r.code() == 201) {
                            acknowledged.add(name);
                        }
                    } catch (RuntimeException serverGone) {
                        return;
                    }
                }
            });
        }
        long killBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(STORM_SECONDS / 2);
        while (acknowledged.size() < ACKS_BEFORE_KILL && System.nanoTime() < killBy) {
            Thread.sleep(10);
        }
        server.kill();
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("creates acknowledged before the kill").hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL / 2);

        server = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY));
        ApiClient restarted = ApiClient.fromKubeconfig(server.kubeconfig());
        ApiClient.Response list = restarted.get(cms);
        assertThat(list.code()).as("%s", list).isEqualTo(200);
        Set<String> present = new HashSet<>();
        for (JsonNode item : list.json().path("items")) {
            present.add(item.at("/metadata/name").asText());
        }
        assertThat(present).as("acknowledged configmaps after restart").containsAll(acknowledged);

        // The restarted server takes writes again, next to what survived.
        assertThat(restarted.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"after\"}}")
                .code()).isEqualTo(201);
    }
}
