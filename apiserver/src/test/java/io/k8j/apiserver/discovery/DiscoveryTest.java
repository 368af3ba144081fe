package io.k8j.apiserver.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.CustomResource;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryTest {
    private final Discovery discovery = new Discovery(ResourceCatalog.builtIn());

    private static JsonNode named(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void coreResourceListHasPodsWithShortNameAndCategory() {
        ObjectNode list = discovery.resourceList("v1");

        assertThat(list.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(list.path("groupVersion").asText()).isEqualTo("v1");
        JsonNode pods = named(list.path("resources"), "name", "pods");
        assertThat(pods.path("kind").asText()).isEqualTo("Pod");
        assertThat(pods.path("singularName").asText()).isEqualTo("pod");
        assertThat(pods.path("namespaced").asBoolean()).isTrue();
        assertThat(texts(pods.path("shortNames"))).containsExactly("po");
        assertThat(texts(pods.path("categories"))).containsExactly("all");
        assertThat(texts(pods.path("verbs"))).containsExactlyInAnyOrder(
                "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // groupVersion | subresource         | kind        | group       | version | verbs
            "v1             | pods/status         | Pod         | -           | -       | get patch update",
            "v1             | pods/binding        | Binding     | -           | -       | create",
            "v1             | pods/log            | Pod         | -           | -       | get",
            "v1             | pods/eviction       | Eviction    | policy      | v1      | create",
            "v1             | namespaces/finalize | Namespace   | -           | -       | update",
            "apps/v1        | deployments/scale   | Scale       | autoscaling | v1      | get patch update",
            "apps/v1        | deployments/status  | Deployment  | -           | -       | get patch update",
    })
    void subresourcesInTheLegacyList(String groupVersion, String name, String kind, String group, String version,
                                     String verbs) {
        JsonNode sub = named(discovery.resourceList(groupVersion).path("resources"), "name", name);

        assertThat(sub.path("kind").asText()).isEqualTo(kind);
        assertThat(sub.path("group").isMissingNode() ? null : sub.path("group").asText()).isEqualTo(group);
        assertThat(sub.path("version").isMissingNode() ? null : sub.path("version").asText()).isEqualTo(version);
        assertThat(texts(sub.path("verbs"))).containsExactly(verbs.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v2beta1"})
    void aggregatedDocumentNamesEveryGroup(String version) {
        ObjectNode doc = discovery.aggregated(false, version);

        assertThat(doc.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(doc.path("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/" + version);
        List<String> groups = new ArrayList<>();
        doc.path("items").forEach(item -> groups.add(item.at("/metadata/name").asText()));
        assertThat(groups).containsExactly("apps", "batch", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
                "storage.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io", "certificates.k8s.io", "admissionregistration.k8s.io",
                "rbac.authorization.k8s.io",
                "authorization.k8s.io", "authentication.k8s.io");
    }

    @Test
    void aCustomResourceIsListedWhileItsDefinitionServesIt() {
        ResourceCatalog catalog = ResourceCatalog.builtIn();
        Discovery live = new Discovery(catalog);
        ResourceType widgets = new ResourceType("example.com", "v1", "Widget", "widgets", "widget", true, List.of("wd"),
                List.of("all"), Set.of("status", "scale"), null, ResourceType.STORED_VERBS,
                new CustomResource("widgets.example.com", "WidgetList", null, Json.MAPPER.createArrayNode(), null));

        catalog.register(widgets);
        assertThat(live.group("example.com").at("/preferredVersion/groupVersion").asText()).isEqualTo("example.com/v1");
        JsonNode resources = live.resourceList("example.com/v1").path("resources");
        assertThat(texts(named(resources, "name", "widgets").path("shortNames"))).containsExactly("wd");
        assertThat(named(resources, "name", "widgets/scale").path("kind").asText()).isEqualTo("Scale");
        assertThat(named(resources, "name", "widgets/status").path("kind").asText()).isEqualTo("Widget");

        catalog.unregister(widgets);
        assertThat(live.group("example.com")).isNull();
        assertThat(live.resourceList("example.com/v1")).isNull();
    }

    @Test
    void aggregatedV2ListsAppsWithNamespacedDeployments() {
        ObjectNode doc = discovery.aggregated(false, "v2");

        JsonNode apps = null;
        for (JsonNode item : doc.path("items")) {
            if (item.at("/metadata/name").asText().equals("apps")) {
                apps = item;
            }
        }
        assertThat(apps).as("apps group").isNotNull();
        JsonNode v1 = apps.path("versions").get(0);
        assertThat(v1.path("version").asText()).isEqualTo("v1");
        assertThat(v1.path("freshness").asText()).isEqualTo("Current");
        JsonNode deployments = named(v1.path("resources"), "resource", "deployments");
        assertThat(deployments.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(deployments.path("singularResource").asText()).isEqualTo("deployment");
        assertThat(deployments.path("responseKind").toString())
                .isEqualTo("{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}");
        assertThat(texts(deployments.path("shortNames"))).containsExactly("deploy");
        JsonNode scale = named(deployments.path("subresources"), "subresource", "scale");
        assertThat(scale.path("responseKind").toString())
                .isEqualTo("{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}");
    }

    @Test
    void aggregatedCoreHasOneUnnamedGroupWithClusterScopedNamespaces() {
        ObjectNode doc = discovery.aggregated(true, "v2");

        assertThat(doc.path("items")).hasSize(1);
        JsonNode v1 = doc.at("/items/0/versions/0");
        assertThat(v1.path("version").asText()).isEqualTo("v1");
        assertThat(named(v1.path("resources"), "resource", "namespaces").path("scope").asText()).isEqualTo("Cluster");
        assertThat(named(v1.path("resources"), "resource", "pods").path("scope").asText()).isEqualTo("Namespaced");
    }

    @Test
    void groupListAndGroupDocuments() {
        ObjectNode groups = discovery.groupList();

        JsonNode apps = named(groups.path("groups"), "name", "apps");
        assertThat(apps.at("/preferredVersion/groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(discovery.group("apps")).isEqualTo(apps);
        assertThat(discovery.group("nope.example.com")).isNull();
        assertThat(discovery.resourceList("nope/v1")).isNull();
        assertThat(groups.path("groups").findValuesAsText("name")).doesNotContain("");
    }

    @Test
    void apiVersionsNamesTheServerAddress() {
        ObjectNode doc = discovery.apiVersions("10.0.0.1:6443");

        assertThat(texts(doc.path("versions"))).containsExactly("v1");
        assertThat(doc.at("/serverAddressByClientCIDRs/0/serverAddress").asText()).isEqualTo("10.0.0.1:6443");
    }
}
