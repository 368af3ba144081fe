package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's python3-kubernetes (for /usr/bin/python3) does CRUD, watch and patch against k8j. */
class PythonClientE2ETest {
    private static final String PYTHON = "/usr/bin/python3";
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
        Path script = Path.of("src/test/python/client_crud_watch_patch.py").toAbsolutePath();
        Path log = Files.createTempFile("python-client", ".log");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", server.kubeconfig().toString());
        pb.environment().put("NAMESPACE", "python-client");
        Process p = pb.start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished).as("python client finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("python client: ok");
    }
}
