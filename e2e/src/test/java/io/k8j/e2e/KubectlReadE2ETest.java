package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.e2e.support.SharedServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read commands of real kubectl binaries against a real k8j server: get in every output format
 * (server-side Tables included), selectors, -A, --sort-by, get -w, describe, api-resources, explain, version.
 */
class KubectlReadE2ETest {
    @RegisterExtension
    static final SharedServer K8J = new SharedServer();
    private final ApiClient api = K8J.api();

    /** Creates configmaps labelled {@code e2e=fmt} with data {@code k} per name: c→"1", a→"3", b→"2". */
    private static void threeConfigMaps(Kubectl k, String ns) {
        for (String[] nv : new String[][] {{"c", "1"}, {"a", "3"}, {"b", "2"}}) {
            k.ok("create", "-n", ns, "configmap", nv[0], "--from-literal=k=" + nv[1]);
        }
        k.ok("label", "-n", ns, "configmap", "a", "b", "c", "e2e=fmt");
        k.ok("label", "-n", ns, "configmap", "b", "pick=me");
    }

    private static List<String> lines(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void getInEveryOutputFormat(String binary) throws IOException {
        Kubectl k = K8J.kubectl(binary);
        String ns = Namespaces.create(api, "get-" + Namespaces.tag(binary));
        threeConfigMaps(k, ns);
        String[] sel = {"-n", ns, "-l", "e2e=fmt"};

        List<String> table = lines(k.ok(concat(new String[] {"get", "configmaps"}, sel)));
        assertThat(table.get(0)).matches("NAME\\s+DATA\\s+AGE");
        assertThat(table.subList(1, table.size())).hasSize(3)
                .allSatisfy(row -> assertThat(row).matches("[abc]\\s+1\\s+\\d+[smh]"));

        assertThat(k.ok(concat(new String[] {"get", "configmaps", "-o", "name"}, sel)))
                .isEqualTo("configmap/a\nconfigmap/b\nconfigmap/c\n");
        assertThat(k.ok("get", "-n", ns, "configmaps", "-l", "pick=me", "-o", "name")).isEqualTo("configmap/b\n");
        assertThat(k.ok("get", "-n", ns, "configmaps", "-l", "e2e=fmt,pick!=me", "-o", "name"))
                .isEqualTo("configmap/a\nconfigmap/c\n");
        assertThat(k.ok("get", "-n", ns, "configmaps", "--field-selector", "metadata.name=c", "-o", "name"))
                .isEqualTo("configmap/c\n");

        JsonNode one = ApiClient.JSON.readTree(k.ok("get", "-n", ns, "configmap", "a", "-o", "json"));
        assertThat(one.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(one.at("/metadata/namespace").asText()).isEqualTo(ns);
        assertThat(one.at("/metadata/uid").asText()).isNotEmpty();
        assertThat(one.at("/data/k").asText()).isEqualTo("3");
        JsonNode list = ApiClient.JSON.readTree(k.ok(concat(new String[] {"get", "configmaps", "-o", "json"}, sel)));
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items")).hasSize(3);
        assertThat(list.at("/items/0/kind").asText()).isEqualTo("ConfigMap");

        assertThat(k.ok("get", "-n", ns, "configmap", "b", "-o", "yaml"))
                .contains("apiVersion: v1", "kind: ConfigMap", "name: b", "namespace: " + ns, "  k: \"2\"", "pick: me");
        assertThat(k.ok("get", "-n", ns, "configmap", "b", "-o", "jsonpath={.metadata.name}={.data.k}")).isEqualTo("b=2");
        assertThat(k.ok(concat(new String[] {"get", "configmaps", "-o", "jsonpath={range .items[*]}{.metadata.name}{\",\"}{end}"}, sel)))
                .isEqualTo("a,b,c,");

        List<String> custom = lines(k.ok(concat(new String[] {"get", "configmaps", "-o", "custom-columns=NAME:.metadata.name,VALUE:.data.k"}, sel)));
        assertThat(custom).hasSize(4);
        assertThat(custom.get(0)).matches("NAME\\s+VALUE");
        assertThat(custom.get(1)).matches("a\\s+3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void getAllNamespacesAndSortBy(String binary) {
        Kubectl k = K8J.kubectl(binary);
        String ns = Namespaces.create(api, "sort-" + Namespaces.tag(binary));
        threeConfigMaps(k, ns);

        List<String> all = lines(k.ok("get", "configmaps", "-A", "-l", "e2e=fmt"));
        assertThat(all.get(0)).matches("NAMESPACE\\s+NAME\\s+DATA\\s+AGE");
        assertThat(all).anySatisfy(row -> assertThat(row).matches(ns + "\\s+b\\s+1\\s+\\S+"));

        // --sort-by on a table needs the full objects in the rows (includeObject=Object).
        List<String> byValue = lines(k.ok("get", "-n", ns, "configmaps", "-l", "e2e=fmt", "--sort-by=.data.k"));
        assertThat(byValue).hasSize(4);
        assertThat(byValue.subList(1, 4)).map(row -> row.split("\\s+")[0]).containsExactly("c", "b", "a");
        assertThat(k.ok("get", "-n", ns, "configmaps", "-l", "e2e=fmt", "--sort-by=.metadata.name", "-o", "name"))
                .isEqualTo("configmap/a\nconfigmap/b\nconfigmap/c\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void wideTablesForPodsAndDeployments(String binary) {
        Kubectl k = K8J.kubectl(binary);
        String ns = Namespaces.create(api, "wide-" + Namespaces.tag(binary));
        assertThat(k.ok("run", "-n", ns, "p1", "--image=busybox", "--restart=Never", "--", "sleep", "3600"))
                .contains("pod/p1 created");
        List<String> pods = lines(k.ok("get", "-n", ns, "pods", "-o", "wide"));
        assertThat(pods.get(0)).matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES");
        assertThat(pods.get(1)).matches("p1\\s+\\d/1\\s+\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+");
        assertThat(lines(k.ok("get", "-n", ns, "pods")).get(0)).matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE");

        k.ok("create", "-n", ns, "deployment", "web", "--image=nginx:1.25");
        List<String> deps = lines(k.ok("get", "-n", ns, "deployments", "-o", "wide"));
        assertThat(deps.get(0)).matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR");
        assertThat(deps.get(1)).matches("web\\s+\\d/1\\s+\\d+\\s+\\d+\\s+\\S+\\s+nginx\\s+nginx:1.25\\s+app=web");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void getWatchPrintsNewObjects(String binary) {
        Kubectl k = K8J.kubectl(binary);
        String ns = Namespaces.create(api, "watch-" + Namespaces.tag(binary));
        k.ok("create", "-n", ns, "configmap", "first");
        try (Kubectl.Background watch = k.background("get", "-n", ns, "configmaps", "-w", "--field-selector",
                "metadata.name!=kube-root-ca.crt")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(watch.output()).contains("first"));
            k.ok("create", "-n", ns, "configmap", "second", "--from-literal=a=b");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(watch.output()).containsPattern("(?m)^second\\s+1\\s+\\S+$"));
            assertThat(watch.isAlive()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void describeShowsObjectDetails(String binary) {
        Kubectl k = K8J.kubectl(binary);
        String ns = Namespaces.create(api, "describe-" + Namespaces.tag(binary));
        k.ok("create", "-n", ns, "deployment", "web", "--image=nginx:1.25", "--replicas=2");
        assertThat(k.ok("describe", "-n", ns, "deployment", "web")).containsPattern("Name:\\s+web")
                .containsPattern("Namespace:\\s+" + ns).containsPattern("Selector:\\s+app=web")
                .containsPattern("Replicas:\\s+2 desired").containsPattern("Image:\\s+nginx:1.25");
        k.ok("create", "-n", ns, "configmap", "cfg", "--from-literal=greeting=hello");
        assertThat(k.ok("describe", "-n", ns, "configmap", "cfg")).containsPattern("Name:\\s+cfg")
                .contains("Data\n====", "greeting:", "hello");
        k.ok("run", "-n", ns, "p1", "--image=busybox", "--restart=Never");
        assertThat(k.ok("describe", "-n", ns, "pod", "p1")).containsPattern("Name:\\s+p1")
                .containsPattern("Image:\\s+busybox").contains("Containers:");
    }

    @Test
    void apiResourcesListsBuiltInsWithShortNames() {
        String out = K8J.kubectl(Kubectl.V133).ok("api-resources");
        assertThat(lines(out).get(0)).matches("NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND");
        assertThat(out).containsPattern("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod$")
                .containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$")
                .containsPattern("(?m)^namespaces\\s+ns\\s+v1\\s+false\\s+Namespace$")
                .containsPattern("(?m)^configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap$");
        assertThat(K8J.kubectl(Kubectl.V127).ok("api-resources", "--api-group=apps", "-o", "name")).contains("deployments.apps");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void explainPodContainers(String binary) {
        String out = K8J.kubectl(binary).ok("explain", "pod.spec.containers");
        assertThat(out).containsPattern("KIND:\\s+Pod").containsPattern("VERSION:\\s+v1").contains("containers", "DESCRIPTION:");
        assertThat(out).containsPattern("(?m)^\\s+image\\s+<string>").containsPattern("(?m)^\\s+name\\s+<string>.*-required-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void versionReportsServer133(String binary) throws IOException {
        JsonNode v = ApiClient.JSON.readTree(K8J.kubectl(binary).ok("version", "-o", "json"));
        assertThat(v.at("/serverVersion/major").asText()).isEqualTo("1");
        assertThat(v.at("/serverVersion/minor").asText()).isEqualTo("33");
        assertThat(v.at("/serverVersion/gitVersion").asText()).startsWith("v1.33.");
        if (binary.equals(Kubectl.DISPATCHER)) {
            assertThat(v.at("/clientVersion/minor").asText()).as("dispatcher picks by server minor").isEqualTo("33");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }
}
