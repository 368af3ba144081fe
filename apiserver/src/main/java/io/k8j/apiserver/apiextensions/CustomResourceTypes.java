package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.CustomResource;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.Meta;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resource types a CRD serves: one per served version, in kube's version priority (the first is the group's
 * preferred version), all stored under one key prefix.
 */
final class CustomResourceTypes {
    private CustomResourceTypes() {
    }

    static List<ResourceType> served(ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            if (!v.path("served").asBoolean(false)) {
                continue;
            }
            Set<String> subresources = new LinkedHashSet<>();
            v.path("subresources").fieldNames().forEachRemaining(subresources::add);
            JsonNode columns = v.has("additionalPrinterColumns") ? v.get("additionalPrinterColumns") : Json.MAPPER.createArrayNode();
            JsonNode schema = v.path("schema").get("openAPIV3Schema");
            JsonNode scale = v.path("subresources").get("scale");
            types.add(new ResourceType(spec.path("group").asText(), v.path("name").asText(), names.path("kind").asText(),
                    names.path("plural").asText(), names.path("singular").asText(),
                    spec.path("scope").asText().equals("Namespaced"), strings(names.path("shortNames")),
                    strings(names.path("categories")), Set.copyOf(subresources), null, ResourceType.STORED_VERBS,
                    new CustomResource(Meta.name(crd), names.path("listKind").asText(), schema, columns, scale)));
        }
        types.sort(java.util.Comparator.comparing(ResourceType::version, VersionPriority.ORDER));
        return types;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
