package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The REST operations of each resource, in the shape kubectl inspects: it looks for a {@code patch}
 * operation tagged with the object's group-version-kind that lists the {@code fieldValidation} query
 * parameter (then it leaves validation to the server) and, for {@code apply}, accepts strategic merge patch.
 */
final class PathsWriter {
    static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json",
            "application/apply-patch+yaml");

    static final String STATUS = KubeNames.META + "Status";
    static final String DELETE_OPTIONS = KubeNames.META + "DeleteOptions";

    private final Dialect d;
    private final ObjectNode paths = Json.object();

    PathsWriter(Dialect dialect) {
        this.d = dialect;
    }

    ObjectNode paths() {
        return paths;
    }

    /** Collection, item, all-namespaces list, and the status and scale subresources when served. */
    void resource(ResourceType t, String kindSchema, String listSchema, String scaleSchema) {
        Ops o = new Ops(t, t.group(), t.version(), t.kind());
        String base = t.group().isEmpty() ? "/api/" + t.version() : "/apis/" + t.groupVersion();
        String collection = base + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
        String item = collection + "/{name}";

        ObjectNode c = path(collection, t.namespaced(), false);
        if (t.createOnly()) {
            c.set("post", o.write("create", "create", "", kindSchema, List.of("200", "201", "202")));
            return;
        }
        c.set("get", o.op("list", "list", "", listSchema, List.of("200"), List.of(
                d.queryParam("labelSelector", "string", "Only return objects whose labels match this selector."),
                d.queryParam("fieldSelector", "string", "Only return objects whose fields match this selector."),
                d.queryParam("limit", "integer", "The maximum number of objects to return in one page."),
                d.queryParam("continue", "string", "The continue token of the previous page."),
                d.queryParam("resourceVersion", "string", "The resourceVersion to list or watch from."),
                d.queryParam("watch", "boolean", "Watch for changes instead of listing."),
                d.queryParam("timeoutSeconds", "integer", "Timeout for the list or watch call."))));
        c.set("post", o.write("create", "create", "", kindSchema, List.of("200", "201", "202")));
        c.set("delete", o.delete("deletecollection", "deleteCollection", List.of("200")));
        if (t.namespaced()) {
            ObjectNode all = path(base + "/" + t.plural(), false, false);
            all.set("get", o.op("list", "list", "ForAllNamespaces", listSchema, List.of("200"), List.of()));
        }
        ObjectNode i = path(item, t.namespaced(), true);
        i.set("get", o.op("get", "read", "", kindSchema, List.of("200"), List.of()));
        i.set("put", o.write("put", "replace", "", kindSchema, List.of("200", "201")));
        i.set("patch", o.patch("", kindSchema));
        i.set("delete", o.delete("delete", "delete", List.of("200", "202")));
        // Subresources whose body is the object itself, operations named after them (readCoreV1NamespacedPodStatus).
        for (String sub : List.of("status", "ephemeralcontainers")) {
            if (t.hasSubresource(sub)) {
                String suffix = Character.toUpperCase(sub.charAt(0)) + sub.substring(1);
                ObjectNode s = path(item + "/" + sub, t.namespaced(), true);
                s.set("get", o.op("get", "read", suffix, kindSchema, List.of("200"), List.of()));
                s.set("put", o.write("put", "replace", suffix, kindSchema, List.of("200", "201")));
                s.set("patch", o.patch(suffix, kindSchema));
            }
        }
        if (t.hasSubresource("scale") && scaleSchema != null) {
            Ops scale = new Ops(t, "autoscaling", "v1", "Scale");
            ObjectNode s = path(item + "/scale", t.namespaced(), true);
            s.set("get", scale.op("get", "read", "Scale", scaleSchema, List.of("200"), List.of()));
            s.set("put", scale.write("put", "replace", "Scale", scaleSchema, List.of("200", "201")));
            s.set("patch", scale.patch("Scale", scaleSchema));
        }
    }

    private ObjectNode path(String url, boolean namespaced, boolean named) {
        ObjectNode p = paths.putObject(url);
        ArrayNode params = p.putArray("parameters");
        if (named) {
            params.add(d.pathParam("name", "The name of the object."));
        }
        if (namespaced) {
            params.add(d.pathParam("namespace", "The object's namespace."));
        }
        params.add(d.queryParam("pretty", "string", "If 'true', the output is pretty printed."));
        return p;
    }

    private List<ObjectNode> writeParams() {
        return List.of(
                d.queryParam("dryRun", "string", "When present (\"All\"), the change is validated but not persisted."),
                d.queryParam("fieldManager", "string", "The name of the actor making the change."),
                d.queryParam("fieldValidation", "string", "How to treat unknown or duplicate fields in the"
                        + " request: Ignore (drop them), Warn (drop them with a warning) or Strict (reject)."));
    }

    private List<ObjectNode> deleteParams() {
        return List.of(
                d.queryParam("dryRun", "string", "When present (\"All\"), the deletion is not persisted."),
                d.queryParam("gracePeriodSeconds", "integer", "Seconds before the object should be deleted."),
                d.queryParam("propagationPolicy", "string", "Orphan, Background or Foreground."));
    }

    /** Builds the operations of one kind, named and tagged the way kube names them. */
    private final class Ops {
        private final ResourceType t;
        private final ObjectNode gvk;

        Ops(ResourceType t, String group, String version, String kind) {
            this.t = t;
            this.gvk = Json.object().put("group", group).put("kind", kind).put("version", version);
        }

        ObjectNode op(String action, String verb, String suffix, String response, List<String> codes,
                      List<ObjectNode> params) {
            String group = t.group().isEmpty() ? "core" : t.group().split("\\.")[0];
            ObjectNode op = Json.object();
            op.putArray("tags").add(group + "_" + t.version());
            op.put("description", verb + " " + t.kind() + (suffix.isEmpty() ? "" : " " + suffix));
            op.put("operationId", verb + cap(group) + cap(t.version()) + (t.namespaced()
                    && !suffix.equals("ForAllNamespaces") ? "Namespaced" : "") + t.kind() + suffix);
            if (!params.isEmpty()) {
                params.forEach(Dialect.params(op)::add);
            }
            d.responses(op, response, codes);
            op.put("x-kubernetes-action", action);
            op.set("x-kubernetes-group-version-kind", gvk);
            return op;
        }

        ObjectNode write(String action, String verb, String suffix, String schema, List<String> codes) {
            ObjectNode op = op(action, verb, suffix, schema, codes, writeParams());
            d.body(op, schema, t.custom() != null ? List.of("application/json", "application/yaml")
                    : List.of("application/json", "application/yaml", "application/vnd.kubernetes.protobuf"));
            return op;
        }

        ObjectNode delete(String action, String verb, List<String> codes) {
            ObjectNode op = op(action, verb, "", STATUS, codes, deleteParams());
            d.body(op, DELETE_OPTIONS, List.of("application/json"));
            return op;
        }

        ObjectNode patch(String suffix, String schema) {
            List<ObjectNode> params = new ArrayList<>(writeParams());
            params.add(d.queryParam("force", "boolean", "Take over fields owned by other managers in an apply."));
            ObjectNode op = op("patch", "patch", suffix, schema, List.of("200", "201"), params);
            // kubectl apply sends a strategic merge patch only where the PATCH operation lists it: never for custom resources
            d.body(op, KubeNames.PATCH, t.custom() != null
                    ? PATCH_TYPES.stream().filter(m -> !m.contains("strategic")).toList() : PATCH_TYPES);
            return op;
        }
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
