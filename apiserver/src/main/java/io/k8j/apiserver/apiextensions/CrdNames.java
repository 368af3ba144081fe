package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a CRD's names are free in its group, as kube's naming controller decides: its plural, singular and
 * short names may not be another resource's, nor its kind and listKind another's kind. Null when they are free.
 */
final class CrdNames {
    private CrdNames() {
    }

    static String conflict(String crdName, JsonNode spec, Collection<ResourceType> served) {
        String group = spec.path("group").asText();
        JsonNode names = spec.path("names");
        List<String> conflicts = new ArrayList<>();
        for (ResourceType other : served) {
            if (!other.group().equals(group) || other.custom() != null && other.custom().crdName().equals(crdName)) {
                continue;
            }
            List<String> resourceNames = new ArrayList<>(other.shortNames());
            resourceNames.add(other.plural());
            resourceNames.add(other.singular());
            for (String field : List.of("plural", "singular")) {
                String value = names.path(field).asText("");
                if (resourceNames.contains(value)) {
                    conflicts.add("\"" + value + "\" is already in use");
                }
            }
            names.path("shortNames").forEach(s -> {
                if (resourceNames.contains(s.asText())) {
                    conflicts.add("\"" + s.asText() + "\" is already in use");
                }
            });
            for (String field : List.of("kind", "listKind")) {
                String value = names.path(field).asText("");
                if (value.equals(other.kind()) || value.equals(other.listKind())) {
                    conflicts.add("\"" + value + "\" is already in use");
                }
            }
        }
        return conflicts.isEmpty() ? null : String.join(", ", conflicts.stream().distinct().toList());
    }
}
