package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.ApiClient.Response;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.e2e.support.SharedServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client sees when it sends something wrong: the status code, a {@code Status} body with
 * kube's reason and message, no change to stored state, and a server that carries on serving.
 */
class BadInputE2ETest {
    @RegisterExtension
    static final SharedServer K8J = new SharedServer();
    private final ApiClient api = K8J.api();
    private String ns;
    private String cms;

    @BeforeEach
    void namespace() {
        ns = Namespaces.create(api, "bad");
        cms = "/api/v1/namespaces/" + ns + "/configmaps";
    }

    /** After every rejection the server still answers. */
    @AfterEach
    void serverCarriesOn() {
        assertThat(api.get("/api/v1/namespaces/" + ns).code()).isEqualTo(200);
        assertThat(api.get("/version").code()).isEqualTo(200);
    }

    private static JsonNode status(Response r, int code, String reason) {
        assertThat(r.code()).as("%s", r).isEqualTo(code);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode s = r.json();
        assertThat(s.path("kind").asText()).as("%s", r).isEqualTo("Status");
        assertThat(s.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(s.path("status").asText()).isEqualTo("Failure");
        assertThat(s.path("code").asInt()).isEqualTo(code);
        assertThat(s.path("reason").asText()).as("%s", r).isEqualTo(reason);
        assertThat(s.path("message").asText()).isNotBlank();
        return s;
    }

    private static String configMap(String name, String data) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":" + data + "}";
    }

    private static String deployment(String name, String replicas, String extraSpec) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                 "spec":{"replicas":%s,%s"selector":{"matchLabels":{"app":"x"}},
                  "template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}
                """.formatted(name, replicas, extraSpec);
    }

    private void assertAbsent(String name) {
        assertThat(api.get(cms + "/" + name).code()).isEqualTo(404);
    }

    private JsonNode existing(String name) {
        Response r = api.post(cms, configMap(name, "{\"k\":\"v\"}"));
        assertThat(r.code()).as("%s", r).isEqualTo(201);
        return r.json();
    }

    @Test
    void malformedJsonIsBadRequest() {
        status(api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"broken\""), 400, "BadRequest");
        assertAbsent("broken");
    }

    @Test
    void malformedYamlIsBadRequest() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\ndata: {k: v\n";
        status(api.send("POST", cms, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8)), 400, "BadRequest");
        assertThat(api.get(cms).json().path("items")).noneMatch(i -> i.at("/metadata/name").asText().contains("broken"));
    }

    @Test
    void wrongFieldTypeIsBadRequest() {
        String deploys = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        JsonNode s = status(api.post(deploys, deployment("typo", "\"three\"", "")), 400, "BadRequest");
        assertThat(s.path("message").asText()).contains("replicas");
        assertThat(api.get(deploys + "/typo").code()).isEqualTo(404);
    }

    @Test
    void unknownFieldFollowsFieldValidation() {
        String deploys = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        JsonNode strict = status(api.post(deploys + "?fieldValidation=Strict", deployment("strict", "1", "\"foo\":\"bar\",")),
                400, "BadRequest");
        assertThat(strict.path("message").asText()).contains("strict decoding error: unknown field \"spec.foo\"");
        assertThat(api.get(deploys + "/strict").code()).isEqualTo(404);

        Response warn = api.post(deploys + "?fieldValidation=Warn", deployment("warn", "1", "\"foo\":\"bar\","));
        assertThat(warn.code()).as("%s", warn).isEqualTo(201);
        // A quoted-string (RFC 7230), so the field name's quotes are escaped on the wire.
        assertThat(warn.warnings()).containsExactly("299 - \"unknown field \\\"spec.foo\\\"\"");
        assertThat(warn.json().at("/spec/foo").isMissingNode()).isTrue();

        Response ignore = api.post(deploys + "?fieldValidation=Ignore", deployment("ignore", "1", "\"foo\":\"bar\","));
        assertThat(ignore.code()).as("%s", ignore).isEqualTo(201);
        assertThat(ignore.warnings()).isEmpty();
        assertThat(api.get(deploys + "/ignore").json().at("/spec/foo").isMissingNode()).isTrue();
    }

    @Test
    void invalidNameIsInvalidWithCause() {
        JsonNode s = status(api.post(cms, configMap("Foo_Bar", "{}")), 422, "Invalid");
        assertThat(s.path("message").asText()).startsWith("ConfigMap \"Foo_Bar\" is invalid: metadata.name: Invalid value: \"Foo_Bar\"");
        assertThat(s.at("/details/name").asText()).isEqualTo("Foo_Bar");
        assertThat(s.at("/details/kind").asText()).isEqualTo("ConfigMap");
        assertThat(s.at("/details/causes/0/field").asText()).isEqualTo("metadata.name");
        assertThat(s.at("/details/causes/0/reason").asText()).isEqualTo("FieldValueInvalid");
        assertThat(api.get(cms).json().path("items")).noneMatch(i -> i.at("/metadata/name").asText().equals("Foo_Bar"));
    }

    @Test
    void invalidLabelValueIsInvalid() {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"badlabel\",\"labels\":{\"app\":\"not ok!\"}}}";
        JsonNode s = status(api.post(cms, body), 422, "Invalid");
        assertThat(s.at("/details/causes/0/field").asText()).isEqualTo("metadata.labels");
        assertThat(s.path("message").asText()).contains("Invalid value: \"not ok!\"");
        assertAbsent("badlabel");
    }

    @Test
    void missingNamespaceIsNotFound() {
        JsonNode s = status(api.post("/api/v1/namespaces/x-missing/configmaps", configMap("orphan", "{}")), 404, "NotFound");
        assertThat(s.path("message").asText()).isEqualTo("namespaces \"x-missing\" not found");
        assertThat(api.get("/api/v1/namespaces/x-missing").code()).isEqualTo(404);
    }

    @Test
    void unknownResourceAndGroupAreNotFound() {
        status(api.get("/api/v1/namespaces/" + ns + "/foos"), 404, "NotFound");
        status(api.post("/api/v1/namespaces/" + ns + "/foos", "{}"), 404, "NotFound");
        status(api.get("/apis/nope.example.com/v1/foos"), 404, "NotFound");
        status(api.get("/apis/apps/v9/deployments"), 404, "NotFound");
    }

    @Test
    void unsupportedContentTypeIs415() {
        JsonNode s = status(api.send("POST", cms, "text/plain", configMap("texty", "{}").getBytes(StandardCharsets.UTF_8)),
                415, "UnsupportedMediaType");
        assertThat(s.path("message").asText()).contains("the body of the request was in an unknown format");
        assertAbsent("texty");
    }

    @Test
    void bodyOverThreeMebibytesIs413() {
        String big = "x".repeat(3 * 1024 * 1024 + 1024);
        JsonNode s = status(api.post(cms, configMap("huge", "{\"k\":\"" + big + "\"}")), 413, "RequestEntityTooLarge");
        assertThat(s.path("message").asText()).contains("limit is 3145728");
        assertAbsent("huge");
    }

    @Test
    void failedJsonPatchTestIsInvalid() {
        JsonNode before = existing("patched");
        String patch = "[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"other\"},{\"op\":\"replace\",\"path\":\"/data/k\",\"value\":\"new\"}]";
        status(api.patch(cms + "/patched", "application/json-patch+json", patch), 422, "Invalid");
        JsonNode after = api.get(cms + "/patched").json();
        assertThat(after.at("/data/k").asText()).isEqualTo("v");
        assertThat(after.at("/metadata/resourceVersion")).isEqualTo(before.at("/metadata/resourceVersion"));
    }

    @Test
    void staleResourceVersionIsConflict() {
        JsonNode created = existing("racy");
        String staleRv = created.at("/metadata/resourceVersion").asText();
        Response first = api.put(cms + "/racy", withRv(configMap("racy", "{\"k\":\"first\"}"), staleRv));
        assertThat(first.code()).as("%s", first).isEqualTo(200);

        JsonNode s = status(api.put(cms + "/racy", withRv(configMap("racy", "{\"k\":\"second\"}"), staleRv)), 409, "Conflict");
        assertThat(s.path("message").asText()).isEqualTo("Operation cannot be fulfilled on configmaps \"racy\": "
                + "the object has been modified; please apply your changes to the latest version and try again");
        assertThat(s.at("/details/name").asText()).isEqualTo("racy");
        assertThat(api.get(cms + "/racy").json().at("/data/k").asText()).isEqualTo("first");
    }

    private static String withRv(String configMap, String rv) {
        return configMap.replace("\"metadata\":{", "\"metadata\":{\"resourceVersion\":\"" + rv + "\",");
    }

    @Test
    void immutableConfigMapRejectsDataChange() {
        Response created = api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"frozen\"},"
                + "\"data\":{\"k\":\"v\"},\"immutable\":true}");
        assertThat(created.code()).as("%s", created).isEqualTo(201);
        JsonNode s = status(api.patch(cms + "/frozen", "application/merge-patch+json", "{\"data\":{\"k\":\"changed\"}}"),
                422, "Invalid");
        assertThat(s.path("message").asText()).contains("field is immutable");
        assertThat(s.at("/details/causes/0/field").asText()).isEqualTo("data");
        assertThat(api.get(cms + "/frozen").json().at("/data/k").asText()).isEqualTo("v");
    }

    @Test
    void serviceClusterIpCannotChange() {
        String svcs = "/api/v1/namespaces/" + ns + "/services";
        Response created = api.post(svcs, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"svc\"},"
                + "\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(created.code()).as("%s", created).isEqualTo(201);
        String ip = created.json().at("/spec/clusterIP").asText();
        assertThat(ip).isNotEmpty();
        String other = ip.endsWith(".250") ? ip.replaceAll("\\.\\d+$", ".251") : ip.replaceAll("\\.\\d+$", ".250");
        JsonNode s = status(api.patch(svcs + "/svc", "application/merge-patch+json",
                "{\"spec\":{\"clusterIP\":\"" + other + "\",\"clusterIPs\":[\"" + other + "\"]}}"), 422, "Invalid");
        assertThat(s.path("message").asText()).contains("may not change once set");
        assertThat(api.get(svcs + "/svc").json().at("/spec/clusterIP").asText()).isEqualTo(ip);
    }

    @Test
    void createOfExistingNameIsAlreadyExists() {
        JsonNode before = existing("twice");
        JsonNode s = status(api.post(cms, configMap("twice", "{\"k\":\"other\"}")), 409, "AlreadyExists");
        assertThat(s.path("message").asText()).isEqualTo("configmaps \"twice\" already exists");
        assertThat(s.at("/details/name").asText()).isEqualTo("twice");
        assertThat(s.at("/details/kind").asText()).isEqualTo("configmaps");
        JsonNode after = api.get(cms + "/twice").json();
        assertThat(after.at("/data/k").asText()).isEqualTo("v");
        assertThat(after.at("/metadata/uid")).isEqualTo(before.at("/metadata/uid"));
    }

    /** 100,000 short keys: under the 1 MiB data limit, but with their managedFields over what storage takes. */
    @Test
    void aConfigMapTooLargeToStoreIs413() {
        StringBuilder data = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            data.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        JsonNode s = status(api.post(cms, configMap("wide", data.append('}').toString())), 413, "RequestEntityTooLarge");
        assertThat(s.path("message").asText()).isEqualTo("Request entity too large: limit is 1572864");
        assertAbsent("wide");
    }

    @Test
    void aConfigMapOverOneMebibyteOfDataIsInvalid() {
        String big = "x".repeat(600_000);
        JsonNode s = status(api.post(cms, configMap("heavy", "{\"a\":\"" + big + "\",\"b\":\"" + big + "\"}")), 422, "Invalid");
        assertThat(s.path("message").asText()).isEqualTo("ConfigMap \"heavy\" is invalid: []: Too long: must have at most 1048576 bytes");
        assertAbsent("heavy");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void aResourceVersionThatIsNoNumberIsABadRequest(String binary) {
        for (String rv : java.util.List.of("abc", "-1")) {
            JsonNode s = status(api.get(cms + "?resourceVersion=" + rv), 400, "BadRequest");
            String message = "resourceVersion: Invalid value: \"" + rv + "\": strconv.ParseUint: parsing \"" + rv
                    + "\": invalid syntax";
            assertThat(s.path("message").asText()).isEqualTo(message);
            assertThat(K8J.kubectl(binary).run("get", "--raw", cms + "?resourceVersion=" + rv).err())
                    .contains("Error from server (BadRequest): " + message);
        }
    }

    @Test
    void aWatchWithANegativeTimeoutEndsAtOnce() {
        existing("watched");
        long started = System.nanoTime();
        Response r = api.get(cms + "?watch=true&timeoutSeconds=-5");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void yamlWithoutAContentTypeIsReadAsJsonAndRefusedAsKubeDoes() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: untyped\n";
        Response r = api.send("POST", cms, null, yaml.getBytes(StandardCharsets.UTF_8));
        JsonNode s = status(r, 400, "BadRequest");
        assertThat(s.path("message").asText()).isEqualTo("the object provided is unrecognized (must be of type ConfigMap): "
                + "couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value "
                + "(61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...)");
        assertThat(r.body()).endsWith("}\n");
        assertAbsent("untyped");
    }
}
