package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;

/**
 * The schemas of a custom resource, as kube-apiserver publishes a CRD version's openAPIV3Schema: named after the
 * reversed group ({@code com.example.v1.Widget}), tagged with its group-version-kind, with apiVersion, kind and
 * metadata (ObjectMeta) added, and a list schema beside it.
 */
final class CustomSchemas {
    private CustomSchemas() {
    }

    /** Adds the kind's and its list's schemas; returns their names, kind first. */
    static String[] add(SchemaWriter schemas, Dialect d, ResourceType t) {
        String prefix = reversed(t.group()) + "." + t.version() + ".";
        ObjectNode kind = t.custom().schema() == null ? Json.object().put("type", "object")
                : (ObjectNode) t.custom().schema().deepCopy();
        kind.put("x-kubernetes-preserve-unknown-fields", kind.path("x-kubernetes-preserve-unknown-fields").asBoolean(false));
        ObjectNode props = kind.with("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.set("metadata", d.propertyRef(schemas.add(Shapes.of(ObjectMeta.class))));
        tag(kind, t, t.kind());
        schemas.addRaw(prefix + t.kind(), kind);

        ObjectNode list = Json.object().put("type", "object");
        list.putArray("required").add("items");
        ObjectNode listProps = list.putObject("properties");
        listProps.putObject("apiVersion").put("type", "string");
        listProps.putObject("kind").put("type", "string");
        listProps.putObject("items").put("type", "array").set("items", d.ref(prefix + t.kind()));
        listProps.set("metadata", d.propertyRef(schemas.add(Shapes.of(ListMeta.class))));
        tag(list, t, t.listKind());
        schemas.addRaw(prefix + t.listKind(), list);
        return new String[] {prefix + t.kind(), prefix + t.listKind()};
    }

    private static void tag(ObjectNode schema, ResourceType t, String kind) {
        schema.putArray("x-kubernetes-group-version-kind").addObject()
                .put("group", t.group()).put("kind", kind).put("version", t.version());
    }

    /** "example.com" -> "com.example". */
    private static String reversed(String group) {
        String[] parts = group.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            b.append(parts[i]).append(i > 0 ? "." : "");
        }
        return b.toString();
    }
}
