package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees on the wire, as kube-apiserver writes it: encoder newlines, bodies without a Content-Type,
 * query parameters it refuses or honours.
 */
class WireFormatHttpTest {
    @TempDir
    Path dir;
    InProcessServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new InProcessServer(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void statusAndObjectBodiesEndWithANewline() throws Exception {
        HttpResponse<byte[]> missing = server.sendRaw("GET", "/api/v1/namespaces/nope", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).startsWith("{\"kind\":\"Status\"").endsWith("}\n");

        HttpResponse<byte[]> created = server.sendRaw("POST", "/api/v1/namespaces", "application/json",
                "{\"metadata\":{\"name\":\"wire\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(new String(created.body(), StandardCharsets.UTF_8)).endsWith("}\n");
    }

    @Test
    void yamlWithoutContentTypeIsDecodedAsJsonAndRefusedInKubesWords() throws Exception {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: yamly\n";
        HttpResponse<byte[]> r = server.sendRaw("POST", "/api/v1/namespaces", null, yaml.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode status = Json.parse(r.body());
        assertThat(status.path("reason").asText()).isEqualTo("BadRequest");
        assertThat(status.path("message").asText()).isEqualTo("the object provided is unrecognized (must be of type "
                + "Namespace): couldn't get version/kind; json parse error: invalid character 'a' looking for "
                + "beginning of value (61706956657273696f6e3a2076310a6b696e643a204e616d657370616365 ...)");
        assertThat(server.send("GET", "/api/v1/namespaces/yamly", null).code()).isEqualTo(404);
    }

    @Test
    void yamlWithItsContentTypeIsCreated() throws Exception {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: yamly\n";
        HttpResponse<byte[]> r = server.sendRaw("POST", "/api/v1/namespaces", "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(201);
    }

    @Test
    void aResourceVersionThatIsNoNumberIsABadRequestForListGetAndWatch() throws Exception {
        for (String path : java.util.List.of("/api/v1/namespaces?resourceVersion=abc",
                "/api/v1/namespaces/default?resourceVersion=abc", "/api/v1/namespaces?watch=true&resourceVersion=abc")) {
            InProcessServer.Reply r = server.send("GET", path, null);
            assertThat(r.code()).as(path).isEqualTo(400);
            assertThat(r.body().path("message").asText()).isEqualTo(
                    "resourceVersion: Invalid value: \"abc\": strconv.ParseUint: parsing \"abc\": invalid syntax");
        }
        assertThat(server.send("GET", "/api/v1/namespaces?resourceVersion=-1", null).code()).isEqualTo(400);
        assertThat(server.send("GET", "/api/v1/namespaces?resourceVersion=0", null).code()).isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aWatchWithANegativeTimeoutEndsAtOnce() throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> r = server.sendRaw("GET", "/api/v1/namespaces?watch=true&timeoutSeconds=-5", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void healthEndpointsListTheStorageCheckByItsBackend() throws Exception {
        HttpResponse<byte[]> ready = server.sendRaw("GET", "/readyz?verbose", null, null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(ready.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(new String(ready.body(), StandardCharsets.UTF_8)).isEqualTo("[+]ping ok\n[+]sqlite ok\nreadyz check passed\n");
        assertThat(new String(server.sendRaw("GET", "/livez/sqlite", null, null).body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(new String(server.sendRaw("GET", "/healthz", null, null).body(), StandardCharsets.UTF_8)).isEqualTo("ok");
    }
}
