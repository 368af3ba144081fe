package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.CustomResource;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {
    private static final OpenApi API = new OpenApi(ResourceCatalog.builtIn());
    private static final String SCHEMAS = "#/components/schemas/";

    @Test
    void rootListsEveryGroupVersionWithAHashedUrl() {
        JsonNode paths = API.v3Root().get("paths");
        assertThat(paths.properties()).extracting(e -> e.getKey()).containsExactly("api/v1", "apis/apps/v1",
                "apis/batch/v1", "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1", "apis/events.k8s.io/v1",
                "apis/storage.k8s.io/v1", "apis/apiextensions.k8s.io/v1", "apis/scheduling.k8s.io/v1",
                "apis/certificates.k8s.io/v1", "apis/admissionregistration.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1",
                "apis/authorization.k8s.io/v1", "apis/authentication.k8s.io/v1",
                "apis/authentication.k8s.io/v1beta1", "apis/authentication.k8s.io/v1alpha1");
        assertThat(paths.get("apis/apps/v1").get("serverRelativeURL").asText())
                .matches("/openapi/v3/apis/apps/v1\\?hash=[0-9A-F]{128}");
    }

    @Test
    void hashIsStableAcrossInstances() {
        JsonNode again = new OpenApi(ResourceCatalog.builtIn()).v3Root();
        assertThat(again).isEqualTo(API.v3Root());
    }

    @Test
    void unknownGroupVersionIsNull() {
        assertThat(API.v3("apis/nope/v1")).isNull();
        assertThat(API.v3("api/v2")).isNull();
        assertThat(API.v3("apis/apps/v1")).isNotNull();
    }

    @Test
    void podSchemaReachesContainerThroughTheContainersList() {
        JsonNode schemas = API.v3("api/v1").at("/components/schemas");
        JsonNode pod = schemas.get("io.k8s.api.core.v1.Pod");
        assertThat(pod.at("/x-kubernetes-group-version-kind/0").toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
        assertThat(pod.at("/properties/spec/allOf/0/$ref").asText()).isEqualTo(SCHEMAS + "io.k8s.api.core.v1.PodSpec");
        JsonNode containers = schemas.at("/io.k8s.api.core.v1.PodSpec/properties/containers");
        assertThat(containers.get("type").asText()).isEqualTo("array");
        assertThat(containers.at("/items/$ref").asText()).isEqualTo(SCHEMAS + "io.k8s.api.core.v1.Container");
        assertThat(containers.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(containers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        assertThat(containers.get("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"name\"]");
        JsonNode container = schemas.get("io.k8s.api.core.v1.Container");
        assertThat(container.at("/properties/name/type").asText()).isEqualTo("string");
        assertThat(container.at("/properties/image/type").asText()).isEqualTo("string");
        assertThat(container.get("required").toString()).isEqualTo("[\"name\"]");
        assertThat(schemas.at("/io.k8s.api.core.v1.PodSpec/required").toString()).isEqualTo("[\"containers\"]");
    }

    @Test
    void apimachineryTypesUseKubeNamesAndFormats() {
        JsonNode schemas = API.v3("api/v1").at("/components/schemas");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.api.resource.Quantity/type").asText()).isEqualTo("string");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/format").asText()).isEqualTo("int-or-string");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format").asText()).isEqualTo("date-time");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/creationTimestamp/allOf/0/$ref")
                .asText()).isEqualTo(SCHEMAS + "io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/labels/additionalProperties/type")
                .asText()).isEqualTo("string");
        assertThat(schemas.at("/io.k8s.api.core.v1.ResourceRequirements/properties/limits/additionalProperties/$ref")
                .asText()).isEqualTo(SCHEMAS + "io.k8s.apimachinery.pkg.api.resource.Quantity");
    }

    @Test
    void patchOperationAdvertisesFieldValidationAndEveryPatchType() {
        JsonNode patch = API.v3("apis/apps/v1").at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");
        assertThat(patch.get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}");
        assertThat(patch.get("parameters").findValuesAsText("name"))
                .contains("fieldValidation", "dryRun", "fieldManager", "force");
        assertThat(patch.get("parameters").findValuesAsText("in")).containsOnly("query");
        assertThat(patch.at("/requestBody/content").properties()).extracting(e -> e.getKey()).containsExactlyInAnyOrder(
                "application/json-patch+json", "application/merge-patch+json",
                "application/strategic-merge-patch+json", "application/apply-patch+yaml");
    }

    @Test
    void subresourcesAndClusterScopedPaths() {
        JsonNode apps = API.v3("apis/apps/v1").get("paths");
        JsonNode scale = apps.get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
        assertThat(scale.at("/patch/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Scale");
        assertThat(API.v3("apis/apps/v1").at("/components/schemas/io.k8s.api.autoscaling.v1.Scale")).isNotNull();
        JsonNode core = API.v3("api/v1").get("paths");
        assertThat(core.has("/api/v1/nodes/{name}")).isTrue();
        assertThat(core.has("/api/v1/namespaces/{namespace}/pods/{name}/status")).isTrue();
        assertThat(core.at("/~1api~1v1~1pods/get/x-kubernetes-action").asText()).isEqualTo("list");
    }

    @Test
    void everyReferenceResolvesInItsOwnDocument() {
        for (JsonNode entry : API.v3Root().get("paths")) {
            String path = entry.get("serverRelativeURL").asText().replaceAll("^/openapi/v3/|\\?.*$", "");
            JsonNode doc = API.v3(path);
            assertThat(unresolved(doc, doc.at("/components/schemas"), SCHEMAS)).as(path).isEmpty();
        }
        JsonNode v2 = API.v2Json();
        assertThat(unresolved(v2, v2.get("definitions"), "#/definitions/")).isEmpty();
        assertThat(v2.get("definitions").has("io.k8s.api.apps.v1.Deployment")).isTrue();
        assertThat(v2.at("/definitions/io.k8s.api.core.v1.Pod/properties/spec/$ref").asText())
                .isEqualTo("#/definitions/io.k8s.api.core.v1.PodSpec");
    }

    @Test
    void aCustomResourceIsPublishedFromItsSchemaWhileServed() throws Exception {
        ResourceCatalog catalog = ResourceCatalog.builtIn();
        OpenApi live = new OpenApi(catalog);
        JsonNode schema = Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                + "\"description\":\"what the widget should be\",\"properties\":{\"size\":{\"type\":\"integer\"}}}}}");
        ResourceType widgets = new ResourceType("example.com", "v1", "Widget", "widgets", "widget", true, List.of(),
                List.of(), Set.of("status", "scale"), null, ResourceType.STORED_VERBS,
                new CustomResource("widgets.example.com", "WidgetList", schema, Json.MAPPER.createArrayNode(), null));
        catalog.register(widgets);

        assertThat(live.v3Root().at("/paths/apis~1example.com~1v1/serverRelativeURL").asText())
                .matches("/openapi/v3/apis/example.com/v1\\?hash=[0-9A-F]{128}");
        JsonNode doc = live.v3("apis/example.com/v1");
        JsonNode widget = doc.at("/components/schemas/com.example.v1.Widget");
        assertThat(widget.at("/properties/spec/description").asText()).isEqualTo("what the widget should be");
        assertThat(widget.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("Widget");
        assertThat(doc.at("/components/schemas/com.example.v1.WidgetList/properties/items/items/$ref").asText())
                .isEqualTo("#/components/schemas/com.example.v1.Widget");
        JsonNode patch = doc.at("/paths").get("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}").path("patch");
        assertThat(patch.at("/requestBody/content").has("application/merge-patch+json")).isTrue();
        assertThat(patch.at("/requestBody/content").has("application/strategic-merge-patch+json")).isFalse();
        assertThat(unresolved(doc, doc.at("/components/schemas"), SCHEMAS)).isEmpty();
        assertThat(live.v2Json().at("/definitions").has("com.example.v1.Widget")).isFalse();

        catalog.unregister(widgets);
        assertThat(live.v3Root().path("paths").has("apis/example.com/v1")).isFalse();
        assertThat(live.v3("apis/example.com/v1")).isNull();
    }

    private static List<String> unresolved(JsonNode doc, JsonNode schemas, String prefix) {
        List<String> missing = new ArrayList<>();
        for (JsonNode refNode : doc.findValues("$ref")) {
            if (!refNode.isTextual()) {
                continue; // a property named "$ref" (a CRD schema's JSONSchemaProps has one), not a reference
            }
            String ref = refNode.asText();
            if (!ref.startsWith(prefix) || !schemas.has(ref.substring(prefix.length()))) {
                missing.add(ref);
            }
        }
        return missing;
    }
}
