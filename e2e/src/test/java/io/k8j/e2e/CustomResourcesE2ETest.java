package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.e2e.support.PythonScript;
import io.k8j.e2e.support.SharedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CustomResourceDefinitions as an operator author uses them, with real kubectl 1.27 and 1.33: apply a CRD, wait
 * for Established, then get, apply, scale, patch status and delete its custom resources by kind, plural, singular,
 * short name and category; kube's 422 for an object its schema refuses; deleting the CRD deletes its objects and
 * takes the resource out of discovery. The Python client's CustomObjectsApi does the same.
 */
class CustomResourcesE2ETest {
    @RegisterExtension
    static final SharedServer K8J = new SharedServer();
    private final ApiClient api = K8J.api();

    static Stream<String> kubectls() {
        return Stream.of(Kubectl.V127, Kubectl.V133);
    }

    /** A namespaced Widget in its own group per kubectl, so the runs share nothing. */
    private static String crd(String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.GROUP
                spec:
                  group: GROUP
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg], categories: [all]}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources:
                      status: {}
                      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .status.selector}
                    additionalPrinterColumns:
                    - {name: Size, type: integer, jsonPath: .spec.size}
                    - {name: Color, type: string, jsonPath: .spec.color, priority: 1}
                    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            required: [size]
                            properties:
                              size: {type: integer, minimum: 1, maximum: 10}
                              color: {type: string, enum: [red, blue], default: red}
                              replicas: {type: integer}
                          status:
                            type: object
                            properties:
                              replicas: {type: integer}
                              selector: {type: string}
                              conditions:
                                type: array
                                items:
                                  type: object
                                  properties: {type: {type: string}, status: {type: string}}
                """.replace("GROUP", group);
    }

    private static String widget(String group, String name, String spec) {
        return "{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"" + name + "\"}},\"spec\":" + spec + "}";
    }

    private static List<String> lines(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubectls")
    void crdServesItsResourceThroughKubectl(String binary) throws IOException {
        Kubectl k = K8J.kubectl(binary);
        String tag = Namespaces.tag(binary);
        String group = "k" + tag + ".example.com";
        String crdName = "widgets." + group;
        String ns = Namespaces.create(api, "crd-" + tag);

        k.okWithInput(crd(group), "apply", "-f", "-");
        k.ok("wait", "--for=condition=Established", "crd/" + crdName, "--timeout=30s");
        JsonNode status = ApiClient.JSON.readTree(k.ok("get", "crd", crdName, "-o", "json")).path("status");
        assertThat(status.at("/acceptedNames/kind").asText()).isEqualTo("Widget");
        assertThat(status.path("conditions").findValuesAsText("type")).contains("NamesAccepted", "Established");
        assertThat(status.path("storedVersions").toString()).isEqualTo("[\"v1\"]");

        // defaulting, and every name kubectl knows the resource by
        k.okWithInput(widget(group, "w1", "{\"size\":3}"), "apply", "-n", ns, "-f", "-");
        assertThat(k.ok("get", "-n", ns, "widget.v1." + group, "w1", "-o", "jsonpath={.spec.color}")).isEqualTo("red");
        for (String name : List.of("widgets", "widget", "wdg", "Widget", "widgets." + group)) {
            assertThat(k.ok("get", "-n", ns, name, "-o", "name")).as(name).isEqualTo("widget." + group + "/w1\n");
        }
        assertThat(k.ok("get", "-n", ns, "all", "-o", "name")).contains("widget." + group + "/w1");

        // a changed manifest applies as a merge patch (kubectl finds no strategic merge patch for the kind in the
        // OpenAPI v3 document that the CRD's schema publishes, which also explains the kind)
        k.okWithInput(widget(group, "w1", "{\"size\":4}"), "apply", "-n", ns, "-f", "-");
        k.okWithInput(widget(group, "w1", "{\"size\":3}"), "apply", "-n", ns, "-f", "-");
        assertThat(k.ok("get", "-n", ns, "widget", "w1", "-o", "jsonpath={.spec.size} {.metadata.generation}")).isEqualTo("3 3");
        assertThat(k.ok("explain", "widgets.spec")).contains("KIND:       Widget", "size\t<integer> -required-",
                "color\t<string>");

        // printer columns (a path that finds nothing is an empty cell, as kube sends null); -o wide adds priority 1
        List<String> table = lines(k.ok("get", "-n", ns, "widgets"));
        assertThat(table.get(0)).matches("NAME\\s+SIZE\\s+READY\\s+AGE");
        assertThat(table.get(1)).matches("w1\\s+3\\s+\\d+s");
        assertThat(lines(k.ok("get", "-n", ns, "widgets", "-o", "wide")).get(0)).matches("NAME\\s+SIZE\\s+COLOR\\s+READY\\s+AGE");
        assertThat(lines(k.ok("get", "-n", ns, "widgets", "-o", "wide")).get(1)).matches("w1\\s+3\\s+red\\s+\\d+s");

        // scale, and status written apart from spec (generation follows spec only)
        k.ok("scale", "-n", ns, "widget", "w1", "--replicas=4");
        assertThat(k.ok("get", "-n", ns, "widget", "w1", "-o", "jsonpath={.spec.replicas} {.metadata.generation}"))
                .isEqualTo("4 4");
        k.ok("patch", "-n", ns, "widget", "w1", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"replicas\":4,\"selector\":\"app=w1\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]},\"spec\":{\"size\":9}}");
        assertThat(k.ok("get", "-n", ns, "widget", "w1", "-o", "jsonpath={.spec.size} {.status.replicas} {.metadata.generation}"))
                .isEqualTo("3 4 4");
        assertThat(lines(k.ok("get", "-n", ns, "widgets")).get(1)).matches("w1\\s+3\\s+True\\s+\\d+s");
        JsonNode scale = api.get("/apis/" + group + "/v1/namespaces/" + ns + "/widgets/w1/scale").json();
        assertThat(scale.at("/status/replicas").asInt()).isEqualTo(4);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=w1");
        k.ok("patch", "-n", ns, "widget", "w1", "--type=merge", "-p", "{\"spec\":{\"size\":5},\"status\":{\"replicas\":0}}");
        assertThat(k.ok("get", "-n", ns, "widget", "w1", "-o", "jsonpath={.spec.size} {.status.replicas} {.metadata.generation}"))
                .isEqualTo("5 4 5");

        // selectors
        k.okWithInput(widget(group, "w2", "{\"size\":2}"), "create", "-n", ns, "-f", "-");
        assertThat(k.ok("get", "-n", ns, "widgets", "-l", "app=w2", "-o", "name")).isEqualTo("widget." + group + "/w2\n");
        assertThat(k.ok("get", "-n", ns, "widgets", "--field-selector", "metadata.name=w1", "-o", "name"))
                .isEqualTo("widget." + group + "/w1\n");

        // the schema refuses: kube's 422 with field paths; unknown fields are refused under kubectl's strict validation
        Kubectl.Result invalid = k.runWithInput(widget(group, "bad", "{\"size\":0,\"color\":\"pink\"}"), "create", "-n", ns, "-f", "-");
        assertThat(invalid.code()).isNotZero();
        assertThat(invalid.err()).contains("The Widget \"bad\" is invalid:",
                "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1",
                "spec.color: Unsupported value: \"pink\": supported values: \"red\", \"blue\"");
        ApiClient.Response raw = api.post("/apis/" + group + "/v1/namespaces/" + ns + "/widgets", widget(group, "bad", "{}"));
        assertThat(raw.code()).isEqualTo(422);
        assertThat(raw.json().path("message").asText())
                .isEqualTo("Widget." + group + " \"bad\" is invalid: spec.size: Required value");
        Kubectl.Result unknown = k.runWithInput(widget(group, "w3", "{\"size\":1,\"extra\":true}"), "create", "-n", ns, "-f", "-");
        assertThat(unknown.err()).contains("strict decoding error: unknown field \"spec.extra\"");
        k.okWithInput(widget(group, "w3", "{\"size\":1,\"extra\":true}"), "create", "--validate=false", "-n", ns, "-f", "-");
        assertThat(api.get("/apis/" + group + "/v1/namespaces/" + ns + "/widgets/w3").json().path("spec").has("extra")).isFalse();

        k.ok("delete", "-n", ns, "widget", "w3");
        assertThat(k.ok("get", "-n", ns, "widgets", "-o", "name")).doesNotContain("/w3");

        // kubectl patch's default, a strategic merge patch, is refused for custom resources as kube does
        Kubectl.Result strategic = k.run("patch", "-n", ns, "widget", "w1", "-p", "{\"spec\":{\"size\":2}}");
        assertThat(strategic.err()).contains("the body of the request was in an unknown format - accepted media types "
                + "include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

        // a second CRD that wants a kind the group already has is not accepted
        String gizmos = crd(group).replace("widgets", "gizmos").replace("widget,", "gizmo,").replace("[wdg]", "[]")
                .replace("categories: [all]", "categories: []");
        k.okWithInput(gizmos, "apply", "-f", "-");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                k.ok("get", "crd", "gizmos." + group, "-o", "jsonpath={.status.conditions[?(@.type==\"NamesAccepted\")].message}"))
                .isEqualTo("\"Widget\" is already in use"));
        assertThat(api.get("/apis/" + group + "/v1/namespaces/" + ns + "/gizmos").code()).isEqualTo(404);
        k.ok("delete", "crd", "gizmos." + group);

        // deleting the CRD deletes its objects first (one waits on its own finalizer meanwhile, and nothing new
        // may be created), then the resource leaves discovery
        k.ok("patch", "-n", ns, "widget", "w2", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");
        k.ok("delete", "crd", crdName, "--wait=false");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(api.get("/apis/" + group + "/v1/namespaces/" + ns + "/widgets/w1").code()).isEqualTo(404);
            assertThat(api.get("/apis/" + group + "/v1/namespaces/" + ns + "/widgets/w2").json()
                    .at("/metadata/deletionTimestamp").asText()).isNotEmpty();
        });
        assertThat(k.ok("get", "crd", crdName, "-o", "jsonpath={.status.conditions[?(@.type==\"Terminating\")].status}"))
                .isEqualTo("True");
        ApiClient.Response refused = api.post("/apis/" + group + "/v1/namespaces/" + ns + "/widgets", widget(group, "w4", "{\"size\":1}"));
        assertThat(refused.code()).isEqualTo(405);
        assertThat(refused.json().path("message").asText())
                .isEqualTo("create not allowed while custom resource definition is terminating");
        k.ok("patch", "-n", ns, "widget", "w2", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + crdName).code()).isEqualTo(404));
        assertThat(api.get("/apis/" + group + "/v1/namespaces/" + ns + "/widgets/w2").code()).isEqualTo(404);
        assertThat(api.get("/apis/" + group).code()).isEqualTo(404);
        assertThat(k.ok("api-resources")).doesNotContain(group);
    }

    @Test
    void aRestartedServerServesStoredCustomResourcesAtOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("k8j-crd-restart-");
        try {
            try (K8jServer first = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY))) {
                Kubectl k = new Kubectl(Kubectl.V133, first.kubeconfig());
                k.okWithInput(crd("restart.example.com"), "apply", "-f", "-");
                k.ok("wait", "--for=condition=Established", "crd/widgets.restart.example.com", "--timeout=30s");
                k.okWithInput(widget("restart.example.com", "kept", "{\"size\":2}"), "create", "-n", "default", "-f", "-");
                first.stop();
            }
            try (K8jServer second = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY))) {
                ApiClient fresh = ApiClient.fromKubeconfig(second.kubeconfig());
                ApiClient.Response kept = fresh.get("/apis/restart.example.com/v1/namespaces/default/widgets/kept");
                assertThat(kept.code()).as(kept.toString()).isEqualTo(200);
                assertThat(kept.json().at("/spec/color").asText()).isEqualTo("red");
            }
        } finally {
            K8jServer.deleteTree(dataDir);
        }
    }

    @Test
    void twoVersionsServeTheSameObjectsWithConversionNone() throws IOException {
        Kubectl k = K8J.kubectl(Kubectl.V133);
        String schema = "{openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}";
        k.okWithInput(String.join("\n",
                "apiVersion: apiextensions.k8s.io/v1",
                "kind: CustomResourceDefinition",
                "metadata: {name: gadgets.versions.example.com}",
                "spec:",
                "  group: versions.example.com",
                "  scope: Cluster",
                "  names: {plural: gadgets, kind: Gadget}",
                "  versions:",
                "  - {name: v1beta1, served: true, storage: false, schema: " + schema + "}",
                "  - {name: v1, served: true, storage: true, schema: " + schema + "}", ""), "apply", "-f", "-");
        k.ok("wait", "--for=condition=Established", "crd/gadgets.versions.example.com", "--timeout=30s");
        assertThat(api.get("/apis/versions.example.com").json().at("/preferredVersion/version").asText()).isEqualTo("v1");

        ApiClient.Response created = api.post("/apis/versions.example.com/v1beta1/gadgets",
                "{\"apiVersion\":\"versions.example.com/v1beta1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\"},\"spec\":{\"a\":1}}");
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        assertThat(k.ok("get", "gadgets", "g", "-o", "jsonpath={.apiVersion} {.spec.a}")).isEqualTo("versions.example.com/v1 1");
        assertThat(api.get("/apis/versions.example.com/v1beta1/gadgets/g").json().path("apiVersion").asText())
                .isEqualTo("versions.example.com/v1beta1");

        k.ok("patch", "crd", "gadgets.versions.example.com", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/versions/0/served\",\"value\":false}]");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/apis/versions.example.com/v1beta1/gadgets/g").code()).isEqualTo(404));
        assertThat(api.get("/apis/versions.example.com/v1/gadgets/g").code()).isEqualTo(200);
        k.ok("delete", "crd", "gadgets.versions.example.com", "--timeout=60s");
    }

    @Test
    void pythonClientDrivesCustomObjects() throws Exception {
        PythonScript.Result r = PythonScript.run("custom_objects.py", Duration.ofSeconds(120),
                Map.of("KUBECONFIG", K8J.kubectl(Kubectl.V133).kubeconfig().toString(), "NAMESPACE", "python-crd"));
        assertThat(r.finished()).as(r.output()).isTrue();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("python custom objects: ok");
    }
}
