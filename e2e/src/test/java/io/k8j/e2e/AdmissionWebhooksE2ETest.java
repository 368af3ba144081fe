package io.k8j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.WebhookServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutating and validating admission webhooks registered by URL with kubectl, called by a real k8j server over HTTPS
 * (a webhook server of the test's own on 127.0.0.1, trusted through caBundle). Each webhook is scoped to the test's
 * namespace by its namespaceSelector, so the tests do not see each other's webhooks.
 */
class AdmissionWebhooksE2ETest {
    private static K8jServer server;
    private static WebhookServer webhooks;

    @BeforeAll
    static void start() {
        server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY));
        webhooks = WebhookServer.start(Map.of(
                "/mutate", request -> labelled(request, "webhook", "mutated"),
                "/saw-b", request -> labelled(request, "saw-b", request.at("/object/metadata/labels").has("b") ? "yes" : "no"),
                "/add-b", request -> labelled(request, "b", "added"),
                "/validate", request -> request.at("/object/data").has("forbidden")
                        ? WebhookServer.denied(403, "data key forbidden is not allowed")
                        : WebhookServer.allowed(),
                "/warn", request -> {
                    ObjectNode response = WebhookServer.allowed();
                    response.putArray("warnings").add("ConfigMap " + request.path("name").asText() + " has no owner");
                    return response;
                },
                "/slow", request -> {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return WebhookServer.allowed();
                }));
    }

    @AfterAll
    static void stop() {
        if (webhooks != null) {
            webhooks.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A response whose JSON patch sets the label {@code key} of the request's object. */
    private static ObjectNode labelled(JsonNode request, String key, String value) {
        return WebhookServer.patching(request.at("/object/metadata/labels").isObject()
                ? "[{\"op\": \"add\", \"path\": \"/metadata/labels/%s\", \"value\": \"%s\"}]".formatted(key, value)
                : "[{\"op\": \"add\", \"path\": \"/metadata/labels\", \"value\": {\"%s\": \"%s\"}}]".formatted(key, value));
    }

    /** A configuration of one webhook at {@code url}, called for ConfigMaps in {@code namespace} only. */
    private static String configuration(String kind, String name, String url, String caBundle, String namespace,
                                        String extra) {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: %s
                metadata: {name: %s}
                webhooks:
                - name: %s.k8j.example.com
                  clientConfig: {url: "%s", caBundle: "%s"}
                  rules: [{operations: [CREATE, UPDATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %s}}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                %s""".formatted(kind, name, name, url, caBundle, namespace, extra.indent(2));
    }

    /** Until the server's watch has brought in the new configuration: retries {@code probe} (bounded). */
    private static void awaitInEffect(Supplier<Boolean> probe) throws InterruptedException {
        for (int i = 0; i < 100 && !probe.get(); i++) {
            Thread.sleep(100);
        }
        assertThat(probe.get()).as("the webhook configuration takes effect").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void mutatingWebhookLabelsAndValidatingWebhookRefuses(String binary) throws InterruptedException {
        String v = binary.substring(binary.length() - 2);
        String ns = "hooked-" + v;
        String other = "unhooked-" + v;
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
            kubectl.ok("create", "namespace", ns);
            kubectl.ok("create", "namespace", other);
            kubectl.okWithInput(configuration("MutatingWebhookConfiguration", "label-" + v, webhooks.url("/mutate"),
                    webhooks.caBundle(), ns, "objectSelector: {matchExpressions: [{key: skip-webhook, operator: DoesNotExist}]}"),
                    "apply", "-f", "-");
            kubectl.okWithInput(configuration("ValidatingWebhookConfiguration", "deny-" + v, webhooks.url("/validate"),
                    webhooks.caBundle(), ns, ""), "apply", "-f", "-");
            assertThat(kubectl.ok("get", "mutatingwebhookconfigurations", "label-" + v))
                    .containsPattern("NAME\\s+WEBHOOKS\\s+AGE\\n" + "label-" + v + "\\s+1\\s+");
            awaitInEffect(() -> kubectl.run("-n", ns, "create", "configmap", "probe", "--dry-run=server", "-o", "yaml")
                    .out().contains("webhook: mutated"));

            kubectl.ok("-n", ns, "create", "configmap", "plain", "--from-literal=a=b");
            assertThat(kubectl.ok("-n", ns, "get", "configmap", "plain", "-o", "yaml")).contains("webhook: mutated");

            Kubectl.Result refused = kubectl.run("-n", ns, "create", "configmap", "bad", "--from-literal=forbidden=x");
            assertThat(refused.code()).isNotZero();
            assertThat(refused.err()).contains("admission webhook \"deny-" + v
                    + ".k8j.example.com\" denied the request: data key forbidden is not allowed");
            assertThat(kubectl.run("-n", ns, "get", "configmap", "bad").err()).contains("configmaps \"bad\" not found");
            Kubectl.Result patched = kubectl.run("-n", ns, "patch", "configmap", "plain", "-p", "{\"data\": {\"forbidden\": \"x\"}}");
            assertThat(patched.err()).contains("admission webhook \"deny-" + v + ".k8j.example.com\" denied the request");
            assertThat(kubectl.ok("-n", ns, "get", "configmap", "plain", "-o", "jsonpath={.data}")).isEqualTo("{\"a\":\"b\"}");

            kubectl.okWithInput("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: skipped, labels: {skip-webhook: "yes"}}
                    """, "-n", ns, "apply", "-f", "-");
            assertThat(kubectl.ok("-n", ns, "get", "configmap", "skipped", "-o", "jsonpath={.metadata.labels}"))
                    .isEqualTo("{\"skip-webhook\":\"yes\"}");

            kubectl.ok("-n", other, "create", "configmap", "elsewhere", "--from-literal=forbidden=x");
            assertThat(kubectl.ok("-n", other, "get", "configmap", "elsewhere", "-o", "yaml")).doesNotContain("webhook: mutated");
        }
    }

    @Test
    void dryRunReachesTheWebhookAsDryRunAndStoresNothing() throws InterruptedException {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "dry");
            kubectl.okWithInput(configuration("MutatingWebhookConfiguration", "label-dry", webhooks.url("/mutate"),
                    webhooks.caBundle(), "dry", ""), "apply", "-f", "-");
            awaitInEffect(() -> kubectl.run("-n", "dry", "create", "configmap", "probe", "--dry-run=server", "-o", "yaml")
                    .out().contains("webhook: mutated"));

            String shown = kubectl.ok("-n", "dry", "create", "configmap", "tried", "--from-literal=a=b",
                    "--dry-run=server", "-o", "yaml");
            assertThat(shown).contains("webhook: mutated");
            JsonNode review = webhooks.received().stream()
                    .filter(r -> r.at("/object/metadata/name").asText().equals("tried")).findFirst().orElseThrow();
            assertThat(review.path("dryRun").asBoolean()).isTrue();
            assertThat(review.path("operation").asText()).isEqualTo("CREATE");
            assertThat(review.path("namespace").asText()).isEqualTo("dry");
            assertThat(review.at("/kind/kind").asText()).isEqualTo("ConfigMap");
            assertThat(review.at("/resource/resource").asText()).isEqualTo("configmaps");
            assertThat(review.at("/options/dryRun/0").asText()).isEqualTo("All");
            assertThat(review.at("/userInfo/username").asText()).isNotEmpty();
            assertThat(kubectl.run("-n", "dry", "get", "configmap", "tried").err()).contains("configmaps \"tried\" not found");
        }
    }

    @Test
    void anUnreachableWebhookRefusesUnderFailUntilDeletedAndIsSkippedUnderIgnore() throws InterruptedException {
        String unreachable;
        String caBundle;
        try (WebhookServer stopped = WebhookServer.start(Map.of("/validate", r -> WebhookServer.allowed()))) {
            unreachable = stopped.url("/validate");
            caBundle = stopped.caBundle();
        }
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "down-fail");
            kubectl.ok("create", "namespace", "down-ignore");
            kubectl.okWithInput(configuration("ValidatingWebhookConfiguration", "down-fail", unreachable, caBundle,
                    "down-fail", "failurePolicy: Fail"), "apply", "-f", "-");
            kubectl.okWithInput(configuration("ValidatingWebhookConfiguration", "down-ignore", unreachable, caBundle,
                    "down-ignore", "failurePolicy: Ignore"), "apply", "-f", "-");
            awaitInEffect(() -> kubectl.run("-n", "down-fail", "create", "configmap", "probe", "--dry-run=server")
                    .code() != 0);

            Kubectl.Result failed = kubectl.run("-n", "down-fail", "create", "configmap", "refused", "--from-literal=a=b");
            assertThat(failed.code()).isNotZero();
            assertThat(failed.err()).contains("Internal error occurred: failed calling "
                    + "webhook \"down-fail.k8j.example.com\": failed to call webhook: Post \"" + unreachable
                    + "?timeout=10s\": dial tcp 127.0.0.1:" + unreachable.replaceAll(".*:(\\d+)/.*", "$1")
                    + ": connect: connection refused");
            assertThat(kubectl.run("-n", "down-fail", "get", "configmap", "refused").err()).contains("not found");

            assertThat(kubectl.ok("-n", "down-ignore", "create", "configmap", "admitted", "--from-literal=a=b"))
                    .contains("configmap/admitted created");

            kubectl.ok("delete", "validatingwebhookconfiguration", "down-fail");
            awaitInEffect(() -> kubectl.run("-n", "down-fail", "create", "configmap", "probe", "--dry-run=server")
                    .code() == 0);
            assertThat(kubectl.ok("-n", "down-fail", "create", "configmap", "after", "--from-literal=a=b"))
                    .contains("configmap/after created");
        }
    }

    @Test
    void warningsReachKubectlAndASlowWebhookTimesOut() throws InterruptedException {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "warned");
            kubectl.ok("create", "namespace", "slow");
            kubectl.okWithInput(configuration("ValidatingWebhookConfiguration", "warn", webhooks.url("/warn"),
                    webhooks.caBundle(), "warned", ""), "apply", "-f", "-");
            kubectl.okWithInput(configuration("ValidatingWebhookConfiguration", "slow", webhooks.url("/slow"),
                    webhooks.caBundle(), "slow", "timeoutSeconds: 1"), "apply", "-f", "-");
            awaitInEffect(() -> kubectl.run("-n", "warned", "create", "configmap", "probe", "--dry-run=server")
                    .err().contains("has no owner"));

            Kubectl.Result warned = kubectl.run("-n", "warned", "create", "configmap", "ownerless", "--from-literal=a=b");
            assertThat(warned.code()).isZero();
            assertThat(warned.err()).contains("Warning: ConfigMap ownerless has no owner");

            awaitInEffect(() -> kubectl.run("-n", "slow", "create", "configmap", "probe", "--dry-run=server").code() != 0);
            Kubectl.Result late = kubectl.run("-n", "slow", "create", "configmap", "late", "--from-literal=a=b");
            assertThat(late.code()).isNotZero();
            assertThat(late.err()).contains("Internal error occurred: failed calling webhook \"slow.k8j.example.com\": "
                    + "failed to call webhook: Post \"" + webhooks.url("/slow") + "?timeout=1s\": context deadline exceeded");
        }
    }

    @Test
    void anIfNeededWebhookIsCalledAgainAfterALaterOneChangedTheObject() throws InterruptedException {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "reinvoked");
            kubectl.okWithInput(configuration("MutatingWebhookConfiguration", "a-saw-b", webhooks.url("/saw-b"),
                    webhooks.caBundle(), "reinvoked", "reinvocationPolicy: IfNeeded"), "apply", "-f", "-");
            kubectl.okWithInput(configuration("MutatingWebhookConfiguration", "b-adds", webhooks.url("/add-b"),
                    webhooks.caBundle(), "reinvoked", ""), "apply", "-f", "-");
            awaitInEffect(() -> kubectl.run("-n", "reinvoked", "create", "configmap", "probe", "--dry-run=server", "-o",
                    "yaml").out().contains("b: added"));

            kubectl.ok("-n", "reinvoked", "create", "configmap", "twice", "--from-literal=a=b");
            assertThat(kubectl.ok("-n", "reinvoked", "get", "configmap", "twice", "-o", "jsonpath={.metadata.labels}"))
                    .isEqualTo("{\"b\":\"added\",\"saw-b\":\"yes\"}");
        }
    }

    @Test
    void configurationsAreValidatedWithKubesMessages() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            String invalid = """
                    apiVersion: admissionregistration.k8s.io/v1
                    kind: ValidatingWebhookConfiguration
                    metadata: {name: invalid}
                    webhooks:
                    - name: invalid
                      clientConfig: {url: "http://127.0.0.1:1/x"}
                      timeoutSeconds: 31
                      admissionReviewVersions: [v1]
                    """;
            Kubectl.Result refused = kubectl.runWithInput(invalid, "apply", "-f", "-");
            assertThat(refused.code()).isNotZero();
            assertThat(refused.err()).contains("""
                    The ValidatingWebhookConfiguration "invalid" is invalid:\s
                    * webhooks[0].name: Invalid value: "invalid": should be a domain with at least three segments separated by dots
                    * webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun
                    * webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds
                    * webhooks[0].clientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme
                    """);
        }
    }
}
