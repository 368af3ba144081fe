package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.patch.ListType;
import io.k8j.api.patch.SchemaHints;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@link Shape}s as kube-style named schemas (definitions / components.schemas), collecting every
 * type reachable from the ones added. Model classes carry no documentation, so descriptions are limited to
 * the standard fields and a line naming where each schema comes from.
 */
final class SchemaWriter {
    private static final Map<String, String> STANDARD_FIELDS = Map.of(
            "apiVersion", "The versioned schema of this representation of an object, e.g. \"v1\" or \"apps/v1\".",
            "kind", "The REST resource this object represents, in CamelCase, e.g. \"Pod\".",
            "metadata", "Standard object metadata: name, namespace, labels, annotations and the like.",
            "spec", "The desired state of the object, as written by its user.",
            "status", "The most recently observed state of the object, written by the system. Read-only.");

    private final Dialect dialect;
    private final Map<Class<?>, List<ObjectNode>> gvks;
    private final Map<String, ObjectNode> schemas = new TreeMap<>();

    /** @param gvks the group-version-kinds to tag each kind's model class with */
    SchemaWriter(Dialect dialect, Map<Class<?>, List<ObjectNode>> gvks) {
        this.dialect = dialect;
        this.gvks = gvks;
    }

    /** Adds the struct and everything it reaches; returns its schema name. */
    String add(Shape.Struct s) {
        if (!schemas.containsKey(s.schemaName())) {
            ObjectNode node = Json.object();
            schemas.put(s.schemaName(), node); // before the fields: types may refer to themselves
            fill(node, s);
        }
        return s.schemaName();
    }

    /** Adds a schema that has no model class behind it (meta/v1 Patch, the PATCH body). */
    void addRaw(String name, ObjectNode schema) {
        schemas.put(name, schema);
    }

    /** All schemas added so far, sorted by name. */
    ObjectNode schemas() {
        ObjectNode out = Json.object();
        schemas.forEach(out::set);
        return out;
    }

    private void fill(ObjectNode node, Shape.Struct s) {
        List<ObjectNode> kinds = gvks.getOrDefault(s.type(), List.of());
        node.put("description", kinds.isEmpty()
                ? KubeNames.shortName(s.schemaName()) + " (generated from " + s.type().getName() + ")."
                : s.simpleName() + " is a kind of the " + apiVersion(kinds.get(0)) + " API.");
        node.put("type", "object");
        if (s.open()) {
            return;
        }
        ObjectNode props = node.putObject("properties");
        s.fields().forEach((name, shape) -> props.set(name, property(s, name, shape)));
        List<String> required = RequiredFields.of(s.simpleName());
        if (!required.isEmpty()) {
            ArrayNode r = node.putArray("required");
            required.stream().filter(s.fields()::containsKey).forEach(r::add);
        }
        if (!kinds.isEmpty()) {
            ArrayNode ext = node.putArray("x-kubernetes-group-version-kind");
            kinds.forEach(ext::add);
        }
    }

    private ObjectNode property(Shape.Struct owner, String name, Shape shape) {
        ObjectNode p = inline(shape, true);
        String description = STANDARD_FIELDS.get(name);
        // Only objects (and lists, templates) carry these fields in the standard sense; Condition.status does not.
        if (description != null && owner.fields().containsKey("metadata")) {
            p.put("description", description);
        }
        patchExtensions(p, owner.simpleName(), name);
        return p;
    }

    /** The Go struct tags kubectl reads to compute strategic merge patches, from the patch engine's table. */
    private static void patchExtensions(ObjectNode p, String owner, String field) {
        boolean retainKeys = SchemaHints.retainsKeys(owner, field);
        ListType list = SchemaHints.declaredList(owner, field);
        if (list == null) {
            putIfSet(p, "x-kubernetes-patch-strategy", retainKeys ? "retainKeys" : null);
            return;
        }
        if (list.smpMerge()) {
            p.put("x-kubernetes-patch-strategy", retainKeys ? "merge,retainKeys" : "merge");
            putIfSet(p, "x-kubernetes-patch-merge-key", list.mergeKey());
        }
        p.put("x-kubernetes-list-type", list.kind().name().toLowerCase());
        if (list.kind() == ListType.Kind.MAP) {
            ArrayNode keys = p.putArray("x-kubernetes-list-map-keys");
            list.mapKeys().forEach(keys::add);
        }
    }

    /** The schema of a value; a property refers to named schemas the way kube's documents do. */
    private ObjectNode inline(Shape shape, boolean property) {
        return switch (shape) {
            case Shape.Struct s -> ref(add(s), property);
            case Shape.ArrayOf a -> {
                ObjectNode n = Json.object().put("type", "array");
                n.set("items", inline(a.items(), false));
                yield n;
            }
            case Shape.MapOf m -> {
                ObjectNode n = Json.object().put("type", "object");
                n.set("additionalProperties", inline(m.values(), false));
                yield n;
            }
            case Shape.Scalar sc -> {
                String named = named(sc);
                yield named != null ? ref(named, property) : primitive(sc);
            }
        };
    }

    private ObjectNode ref(String schemaName, boolean property) {
        return property ? dialect.propertyRef(schemaName) : dialect.ref(schemaName);
    }

    private static ObjectNode primitive(Shape.Scalar s) {
        return switch (s) {
            case INT32 -> Json.object().put("type", "integer").put("format", "int32");
            case INT64 -> Json.object().put("type", "integer").put("format", "int64");
            case NUMBER -> Json.object().put("type", "number").put("format", "double");
            case BOOLEAN -> Json.object().put("type", "boolean");
            default -> Json.object().put("type", "string");
        };
    }

    /** Registers the kube-named schema of a scalar and returns its name; null for plain JSON types. */
    private String named(Shape.Scalar s) {
        if (s.schemaName() != null && !schemas.containsKey(s.schemaName())) {
            schemas.put(s.schemaName(), switch (s) {
                case ANY -> dialect == Dialect.V2 ? Json.object().put("type", "object")
                        : Json.object().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
                case QUANTITY -> Json.object().put("type", "string").put("description", "A fixed-point number"
                        + " with an optional suffix (\"100m\", \"1.5Gi\"); a JSON number is accepted too.");
                case INT_OR_STRING -> intOrString();
                case TIME -> Json.object().put("type", "string").put("format", "date-time")
                        .put("description", "A timestamp in RFC 3339 form, with seconds precision.");
                default -> Json.object().put("type", "string").put("format", "date-time")
                        .put("description", "A timestamp in RFC 3339 form, with microseconds precision.");
            });
        }
        return s.schemaName();
    }

    private ObjectNode intOrString() {
        ObjectNode n = Json.object().put("type", "string").put("format", "int-or-string")
                .put("description", "Either an integer or a string, e.g. a port number or a port name.");
        if (dialect == Dialect.V3) {
            n.put("x-kubernetes-int-or-string", true);
        }
        return n;
    }

    private static void putIfSet(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static String apiVersion(JsonNode gvk) {
        String g = gvk.path("group").asText();
        return g.isEmpty() ? gvk.path("version").asText() : g + "/" + gvk.path("version").asText();
    }
}
