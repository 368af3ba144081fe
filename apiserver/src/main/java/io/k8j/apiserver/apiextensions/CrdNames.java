package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a CRD's names are free in its group, as kube's naming controller decides: its plural, singular and
 * short names may not be another resource's (PluralConflict), nor its kind and listKind another's kind or list
 * kind (KindConflict). Kube reports the first conflict it finds.
 */
final class CrdNames {
    /** The NamesAccepted=False reason and message. */
    record Conflict(String reason, String message) {
    }

    private CrdNames() {
    }

    /** Null when every name is free. */
    static Conflict conflict(String crdName, JsonNode spec, Collection<ResourceType> served) {
        String group = spec.path("group").asText();
        Set<String> resourceNames = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        for (ResourceType other : served) {
            if (other.group().equals(group) && (other.custom() == null || !other.custom().crdName().equals(crdName))) {
                resourceNames.add(other.plural());
                resourceNames.add(other.singular());
                resourceNames.addAll(other.shortNames());
                kinds.add(other.kind());
                kinds.add(other.listKind());
            }
        }
        JsonNode names = spec.path("names");
        List<String> wanted = new ArrayList<>(List.of(names.path("plural").asText(""), names.path("singular").asText("")));
        names.path("shortNames").forEach(s -> wanted.add(s.asText()));
        for (String name : wanted) {
            if (!name.isEmpty() && resourceNames.contains(name)) {
                return new Conflict("PluralConflict", "\"" + name + "\" is already in use");
            }
        }
        for (String kind : List.of(names.path("kind").asText(""), names.path("listKind").asText(""))) {
            if (!kind.isEmpty() && kinds.contains(kind)) {
                return new Conflict("KindConflict", "\"" + kind + "\" is already in use");
            }
        }
        return null;
    }
}
