package io.k8j.apiserver.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A namespace's way from Active through Terminating to gone, as kubectl and the namespace controller see it. */
class NamespaceLifecycleHttpTest {
    @TempDir
    Path dir;
    InProcessServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new InProcessServer(dir);
        assertThat(server.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}").code())
                .isEqualTo(201);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void deleteTerminatesAndFinalizeRemoves() throws Exception {
        InProcessServer.Reply deleted = server.send("DELETE", "/api/v1/namespaces/team", null);

        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.body().at("/status/phase").asText()).isEqualTo("Terminating");
        assertThat(deleted.body().at("/metadata/deletionTimestamp").isMissingNode()).isFalse();

        InProcessServer.Reply create = server.send("POST", "/api/v1/namespaces/team/configmaps",
                "{\"metadata\":{\"name\":\"late\"}}");
        assertThat(create.code()).isEqualTo(403);
        assertThat(create.body().at("/details/causes/0/reason").asText()).isEqualTo("NamespaceTerminating");

        InProcessServer.Reply finalized = server.send("PUT", "/api/v1/namespaces/team/finalize",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\"},\"spec\":{\"finalizers\":[]}}");

        assertThat(finalized.code()).isEqualTo(200);
        InProcessServer.Reply gone = server.send("GET", "/api/v1/namespaces/team", null);
        assertThat(gone.code()).isEqualTo(404);
        assertThat(gone.body().path("message").asText()).isEqualTo("namespaces \"team\" not found");
    }

    @Test
    void putCannotDropSpecFinalizers() throws Exception {
        InProcessServer.Reply put = server.send("PUT", "/api/v1/namespaces/team",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\"},\"spec\":{\"finalizers\":[]}}");

        assertThat(put.code()).isEqualTo(200);
        assertThat(put.body().at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
    }

    @Test
    void defaultNamespaceMayNotBeDeleted() throws Exception {
        server.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"default\"}}");

        InProcessServer.Reply refused = server.send("DELETE", "/api/v1/namespaces/default", null);

        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.body().path("reason").asText()).isEqualTo("Forbidden");
    }
}
