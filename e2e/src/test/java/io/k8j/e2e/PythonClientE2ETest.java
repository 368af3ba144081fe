package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.PythonScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's python3-kubernetes (for /usr/bin/python3) does CRUD, watch and patch against k8j, and reads every kind. */
class PythonClientE2ETest {
    private static K8jServer server;

    @BeforeAll
    static void start() {
        server = K8jServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void crudWatchAndPatch() throws Exception {
        PythonScript.Result r = PythonScript.run("client_crud_watch_patch.py", Duration.ofSeconds(120),
                Map.of("KUBECONFIG", server.kubeconfig().toString(), "NAMESPACE", "python-client"));
        assertThat(r.finished()).as(r.output()).isTrue();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("python client: ok");
    }

    @Test
    void everyBuiltInKindCreatedAndListedDeserializes() throws Exception {
        PythonScript.Result r = PythonScript.run("built_in_kinds.py", Duration.ofSeconds(120),
                Map.of("KUBECONFIG", server.kubeconfig().toString(), "NAMESPACE", "python-kinds"));
        assertThat(r.finished()).as(r.output()).isTrue();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("python built-in kinds: ok");
    }
}
