package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** pods/eviction as kube's EvictionREST answers it, and discovery listing only what is served. */
class PodEvictionHttpTest {
    @TempDir
    Path dir;
    InProcessServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new InProcessServer(dir);
        assertThat(server.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"ns\"}}").code()).isEqualTo(201);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private String pod(String name, String nodeName) throws Exception {
        InProcessServer.Reply r = server.send("POST", "/api/v1/namespaces/ns/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"c","image":"busybox"}]}}""".formatted(name,
                nodeName == null ? "" : "\"nodeName\":\"" + nodeName + "\","));
        assertThat(r.code()).isEqualTo(201);
        return r.body().at("/metadata/uid").asText();
    }

    private InProcessServer.Reply evict(String path, String name, String deleteOptions) throws Exception {
        return server.send("POST", path, """
                {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"%s","namespace":"ns"}%s}"""
                .formatted(name, deleteOptions == null ? "" : ",\"deleteOptions\":" + deleteOptions));
    }

    @Test
    void anEvictionDeletesThePod() throws Exception {
        pod("idle", null);
        InProcessServer.Reply r = evict("/api/v1/namespaces/ns/pods/idle/eviction", "idle", null);
        assertThat(r.code()).isEqualTo(201);
        assertThat(r.body().path("kind").asText()).isEqualTo("Status");
        assertThat(r.body().path("status").asText()).isEqualTo("Success");
        assertThat(r.body().path("code").asInt()).isEqualTo(201);
        assertThat(server.send("GET", "/api/v1/namespaces/ns/pods/idle", null).code()).isEqualTo(404);
    }

    @Test
    void aBoundPodIsMarkedAsADisruptionTargetAndGetsItsGracePeriod() throws Exception {
        pod("busy", "node-a");
        assertThat(evict("/api/v1/namespaces/ns/pods/busy/eviction", "busy", "{\"gracePeriodSeconds\":5}").code()).isEqualTo(201);
        JsonNode pod = server.send("GET", "/api/v1/namespaces/ns/pods/busy", null).body();
        assertThat(pod.at("/metadata/deletionGracePeriodSeconds").asInt()).isEqualTo(5);
        JsonNode condition = pod.at("/status/conditions/0");
        assertThat(condition.path("type").asText()).isEqualTo("DisruptionTarget");
        assertThat(condition.path("status").asText()).isEqualTo("True");
        assertThat(condition.path("reason").asText()).isEqualTo("EvictionByEvictionAPI");
        assertThat(condition.path("message").asText()).isEqualTo("Eviction API: evicting");
    }

    @Test
    void refusalsInKubesWords() throws Exception {
        pod("kept", null);
        InProcessServer.Reply mismatch = evict("/api/v1/namespaces/ns/pods/kept/eviction", "other", null);
        assertThat(mismatch.code()).isEqualTo(400);
        assertThat(mismatch.body().path("message").asText()).isEqualTo("name in URL does not match name in Eviction object");

        InProcessServer.Reply stale = evict("/api/v1/namespaces/ns/pods/kept/eviction", "kept",
                "{\"preconditions\":{\"uid\":\"not-the-uid\"}}");
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.body().path("message").asText()).startsWith("Operation cannot be fulfilled on Pod \"kept\": "
                + "the UID in the precondition (not-the-uid) does not match the UID in record (");

        assertThat(evict("/api/v1/namespaces/ns/pods/kept/eviction?dryRun=All", "kept", null).code()).isEqualTo(201);
        assertThat(evict("/api/v1/namespaces/ns/pods/missing/eviction", "missing", null).code()).isEqualTo(404);
        assertThat(server.send("GET", "/api/v1/namespaces/ns/pods/kept/eviction", null).code()).isEqualTo(405);
        assertThat(server.send("GET", "/api/v1/namespaces/ns/pods/kept", null).code()).isEqualTo(200);
    }

    @Test
    void discoveryListsTheSubresourcesServed() throws Exception {
        List<String> names = new ArrayList<>();
        server.send("GET", "/api/v1", null).body().path("resources").forEach(r -> names.add(r.path("name").asText()));
        assertThat(names).contains("pods/eviction", "nodes/proxy", "pods/log").doesNotContain("pods/proxy", "services/proxy");
    }
}
