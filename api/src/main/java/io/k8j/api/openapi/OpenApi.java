package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI documents of the served resources, generated from their fabric8 model classes: the v3
 * discovery root and one document per group-version (kubectl 1.29+), and the v2 document as JSON and
 * as gnostic protobuf (kubectl 1.27/1.28 accept only the latter). Documents are built on first request
 * and cached; the returned trees are shared and must not be modified.
 */
public final class OpenApi {
    /** Content-Type of {@link #v2Protobuf()}; the deprecated "spec.v2@v1.0" spelling breaks client-go. */
    public static final String V2_PROTOBUF_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    static final String TITLE = "Kubernetes";
    /** Only informational for clients; the kube line whose API the fabric8 7.8 model covers. */
    static final String VERSION = "v1.33.0";

    private final ResourceCatalog catalog;
    private final Map<String, Built> v3 = new ConcurrentHashMap<>();
    private volatile JsonNode v3Root;
    private volatile JsonNode v2Json;
    private volatile byte[] v2Protobuf;

    private record Built(JsonNode doc, String hash) {
    }

    /** A custom group-version's document, valid while its types are as they were when it was built. */
    private record CustomBuilt(List<ResourceType> types, Built built) {
    }

    private final Map<String, CustomBuilt> custom = new ConcurrentHashMap<>();

    public OpenApi(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."},...}}, custom resources' group-versions
     * (from their CRDs' schemas) included while they are served.
     */
    public JsonNode v3Root() {
        List<String> customGroupVersions = catalog.groupVersions().stream()
                .filter(gv -> !builtInGroupVersions().contains(gv)).toList();
        if (customGroupVersions.isEmpty()) {
            return builtInRoot();
        }
        ObjectNode root = (ObjectNode) builtInRoot().deepCopy();
        for (String gv : customGroupVersions) {
            ((ObjectNode) root.get("paths")).putObject(path(gv))
                    .put("serverRelativeURL", "/openapi/v3/" + path(gv) + "?hash=" + customBuilt(gv).hash());
        }
        return root;
    }

    private JsonNode builtInRoot() {
        JsonNode root = v3Root;
        if (root == null) {
            ObjectNode r = Json.object();
            ObjectNode paths = r.putObject("paths");
            for (String gv : builtInGroupVersions()) {
                String path = path(gv);
                paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + built(gv).hash());
            }
            v3Root = root = r;
        }
        return root;
    }

    /** The document of "api/v1", "apis/apps/v1"...; null when no served group-version has that path. */
    public JsonNode v3(String groupVersionPath) {
        String gv = groupVersionPath.startsWith("api/") ? groupVersionPath.substring(4)
                : groupVersionPath.startsWith("apis/") ? groupVersionPath.substring(5) : null;
        if (gv == null || !catalog.groupVersions().contains(gv)) {
            return null;
        }
        return builtInGroupVersions().contains(gv) ? built(gv).doc() : customBuilt(gv).doc();
    }

    private Built customBuilt(String gv) {
        List<ResourceType> types = catalog.inGroupVersion(gv);
        CustomBuilt c = custom.get(gv);
        if (c == null || !c.types().equals(types)) {
            JsonNode doc = document(Dialect.V3, types);
            c = new CustomBuilt(types, new Built(doc, hash(doc)));
            custom.put(gv, c);
        }
        return c.built();
    }

    /** Custom resources have no fabric8 class to derive a schema from; their group-versions are left out. */
    private List<String> builtInGroupVersions() {
        return catalog.groupVersions().stream()
                .filter(gv -> catalog.inGroupVersion(gv).stream().allMatch(t -> t.custom() == null)).toList();
    }

    /** Swagger 2.0 for every served resource, for clients that ask /openapi/v2 for JSON. */
    public JsonNode v2Json() {
        JsonNode doc = v2Json;
        if (doc == null) {
            v2Json = doc = document(Dialect.V2, catalog.all().stream().filter(t -> t.custom() == null).toList());
        }
        return doc;
    }

    /** The v2 document as gnostic openapi_v2.Document protobuf, the only /openapi/v2 form kubectl accepts. */
    public byte[] v2Protobuf() {
        byte[] bytes = v2Protobuf;
        if (bytes == null) {
            v2Protobuf = bytes = GnosticEncoder.encode(v2Json());
        }
        return bytes.clone();
    }

    private Built built(String gv) {
        return v3.computeIfAbsent(gv, k -> {
            JsonNode doc = document(Dialect.V3, catalog.inGroupVersion(k));
            return new Built(doc, hash(doc));
        });
    }

    private static String path(String gv) {
        return gv.contains("/") ? "apis/" + gv : "api/" + gv;
    }

    private static ObjectNode document(Dialect d, List<ResourceType> types) {
        Map<Class<?>, List<ObjectNode>> gvks = new HashMap<>();
        for (ResourceType t : types.stream().filter(t -> t.custom() == null).toList()) {
            gvks.computeIfAbsent(t.modelClass(), c -> new ArrayList<>()).add(gvk(t.group(), t.version(), t.kind()));
            Class<?> list = listClass(t);
            if (list != null) {
                gvks.computeIfAbsent(list, c -> new ArrayList<>()).add(gvk(t.group(), t.version(), t.listKind()));
            }
        }
        gvks.put(Scale.class, List.of(gvk("autoscaling", "v1", "Scale")));
        SchemaWriter schemas = new SchemaWriter(d, gvks);
        PathsWriter paths = new PathsWriter(d);
        schemas.add(Shapes.of(Status.class));
        schemas.add(Shapes.of(DeleteOptions.class));
        schemas.addRaw(KubeNames.PATCH, Json.object().put("type", "object").put("description",
                "The body of a PATCH request; its format is given by the request's Content-Type."));
        for (ResourceType t : types) {
            if (t.custom() != null) {
                String[] names = CustomSchemas.add(schemas, d, t);
                paths.resource(t, names[0], names[1], t.hasSubresource("scale") ? schemas.add(Shapes.of(Scale.class)) : null);
                continue;
            }
            String kind = schemas.add(Shapes.of(t.modelClass()));
            Class<?> list = listClass(t);
            String listSchema = list != null ? schemas.add(Shapes.of(list)) : kind;
            String scale = t.hasSubresource("scale") ? schemas.add(Shapes.of(Scale.class)) : null;
            paths.resource(t, kind, listSchema, scale);
        }
        ObjectNode doc = Json.object();
        doc.put(d == Dialect.V2 ? "swagger" : "openapi", d == Dialect.V2 ? "2.0" : "3.0.0");
        doc.putObject("info").put("title", TITLE).put("version", VERSION);
        doc.set("paths", paths.paths());
        if (d == Dialect.V2) {
            doc.set("definitions", schemas.schemas());
        } else {
            doc.putObject("components").set("schemas", schemas.schemas());
        }
        return doc;
    }

    /** fabric8 names every list class after its kind (PodList next to Pod). */
    private static Class<?> listClass(ResourceType t) {
        try {
            return Class.forName(t.modelClass().getName() + "List", false, t.modelClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static ObjectNode gvk(String group, String version, String kind) {
        return Json.object().put("group", group).put("kind", kind).put("version", version);
    }

    /** Like kube-apiserver: uppercase hex SHA-512 of the serialized document. */
    private static String hash(JsonNode doc) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(Json.bytes(doc));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
