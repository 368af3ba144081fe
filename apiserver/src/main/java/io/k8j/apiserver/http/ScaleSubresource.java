package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The autoscaling/v1 Scale view of a workload's or custom resource's replicas (kubectl scale). */
final class ScaleSubresource {
    private static final ResourceType SCALE = new ResourceType("autoscaling", "v1", "Scale", "scale", "scale", true,
            List.of(), List.of(), Set.of(), io.fabric8.kubernetes.api.model.autoscaling.v1.Scale.class);

    private final GenericStore store;
    private final RequestOptions options;
    private final ScalePaths paths;

    ScaleSubresource(GenericStore store, RequestOptions options) {
        this.store = store;
        this.options = options;
        this.paths = ScalePaths.of(store.type());
    }

    void handle(ApiRequest req, RequestInfo info, String ns) {
        String name = info.name();
        switch (info.verb()) {
            case "get" -> Responses.json(req, 200, scaleOf(store.get(ns, name), paths));
            case "update" -> {
                ObjectNode scale = BodyDecoder.object(req.body(), req.header("Content-Type"), SCALE, false);
                Responses.json(req, 200, write(req, ns, name, current -> scale));
            }
            case "patch" -> {
                String media = MediaTypes.base(req.header("Content-Type"));
                if (!MediaTypes.PATCH_BODIES.contains(media) || media.equals(MediaTypes.APPLY_PATCH)) {
                    throw ApiException.unsupportedMediaType(MediaTypes.PATCH_BODIES);
                }
                JsonNode doc = BodyDecoder.json(req.body(), null, false);
                Responses.json(req, 200, write(req, ns, name,
                        current -> PatchHandler.patchDocument(media, current, doc, SCALE)));
            }
            default -> throw ApiException.methodNotAllowed();
        }
    }

    private ObjectNode write(ApiRequest req, String ns, String name,
                             java.util.function.UnaryOperator<ObjectNode> change) {
        ObjectNode updated = store.guaranteedUpdate(ns, name, obj -> {
            ObjectNode scale = change.apply(scaleOf(obj, paths));
            JsonNode replicas = scale.path("spec").get("replicas");
            if (replicas == null || replicas.isNull()) {
                // ScaleSpec.replicas is an omitempty int32: clients (kubectl scale --replicas=0 with
                // --current-replicas PUTs a Scale) leave it out to mean 0.
                replicas = Json.MAPPER.getNodeFactory().numberNode(0);
            }
            if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
                throw ApiException.invalid(SCALE, name, List.of(FieldError.invalid("spec.replicas",
                        replicas, "must be greater than or equal to 0")));
            }
            ScalePaths.set(obj, paths.specReplicas(), replicas.asInt());
            String pinned = Meta.resourceVersion(scale);
            Meta.of(obj).put("resourceVersion", pinned == null ? Meta.resourceVersion(obj) : pinned);
            return obj;
        }, options.write(req), null);
        return scaleOf(updated, paths);
    }

    static ObjectNode scaleOf(ObjectNode obj, ScalePaths paths) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            JsonNode v = obj.path("metadata").get(f);
            if (v != null) {
                meta.set(f, v);
            }
        }
        scale.putObject("spec").put("replicas", ScalePaths.at(obj, paths.specReplicas()).asInt(0));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", ScalePaths.at(obj, paths.statusReplicas()).asInt(0));
        if (paths.selector() != null) {
            JsonNode selector = ScalePaths.at(obj, paths.selector());
            status.put("selector", paths.selectorIsString() ? selector.asText("") : selectorString(selector));
        }
        return scale;
    }

    /** A LabelSelector object in the query-string form clients parse from Scale.status.selector. */
    static String selectorString(JsonNode selector) {
        List<String> parts = new ArrayList<>();
        selector.path("matchLabels").properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            List<String> values = expr.path("values").valueStream().map(JsonNode::asText).toList();
            switch (expr.path("operator").asText()) {
                case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> parts.add(key);
                case "DoesNotExist" -> parts.add("!" + key);
                default -> {
                }
            }
        }
        return String.join(",", parts);
    }
}
