package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.ResourceType;
import io.k8j.api.apply.ApplyConflictException;
import io.k8j.api.apply.ServerSideApply;
import io.k8j.api.patch.PatchException;
import io.k8j.api.patch.Patches;
import io.k8j.apiserver.authz.EscalationCheck;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.WriteOptions;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** PATCH in its four flavours: JSON patch, merge patch, strategic merge patch and server-side apply. */
final class PatchHandler {
    /** The patched object, and whether an apply created it. */
    record Result(ObjectNode object, boolean created) {
    }

    private final FieldValidation validation;
    private final RequestOptions options;

    private final EscalationCheck escalation;

    /** {@code escalation} null: RBAC objects are patched without escalation prevention (no authorization). */
    PatchHandler(FieldValidation validation, RequestOptions options, EscalationCheck escalation) {
        this.validation = validation;
        this.options = options;
        this.escalation = escalation;
    }

    /** The patched object as it would be stored, checked before it is: a patch must not grant more than a write. */
    private ObjectNode checked(ApiRequest req, ResourceType type, String ns, ObjectNode patched) {
        if (escalation != null) {
            escalation.check(req.user(), type, ns, patched);
        }
        return patched;
    }

    Result patch(ApiRequest req, GenericStore store, String ns, String name, String subresource) {
        ResourceType type = store.type();
        String media = MediaTypes.base(req.header("Content-Type"));
        if (!MediaTypes.PATCH_BODIES.contains(media)) {
            throw ApiException.unsupportedMediaType(MediaTypes.PATCH_BODIES);
        }
        if (type.custom() != null && media.equals(MediaTypes.STRATEGIC_MERGE_PATCH)) {
            // custom resources have no patch strategies; kube refuses the media type for them
            throw ApiException.unsupportedMediaType(
                    List.of(MediaTypes.JSON_PATCH, MediaTypes.MERGE_PATCH, MediaTypes.APPLY_PATCH));
        }
        WriteOptions write = options.write(req);
        if (media.equals(MediaTypes.APPLY_PATCH)) {
            return apply(req, store, ns, name, subresource, write);
        }
        JsonNode doc = BodyDecoder.json(req.body(), null, false);
        UnaryOperator<ObjectNode> change = current -> {
            ObjectNode patched = patchDocument(media, current, doc, type);
            validation.check(req, patched, type);
            return checked(req, type, ns, patched);
        };
        return new Result(store.guaranteedUpdate(ns, name, change, write, subresource), false);
    }

    /** Applies a non-apply patch document of type {@code media} to {@code current}. */
    static ObjectNode patchDocument(String media, ObjectNode current, JsonNode doc, ResourceType type) {
        try {
            return switch (media) {
                case MediaTypes.JSON_PATCH -> Patches.jsonPatch(current, doc);
                case MediaTypes.MERGE_PATCH -> Patches.mergePatch(current, doc);
                default -> Patches.strategicMergePatch(current, doc, type.modelClass());
            };
        } catch (PatchException e) {
            throw e.toApiException();
        }
    }

    private Result apply(ApiRequest req, GenericStore store, String ns, String name, String subresource,
                         WriteOptions write) {
        if (req.param("fieldManager") == null || req.param("fieldManager").isEmpty()) {
            throw ApiException.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                    + "is required for apply patch");
        }
        ResourceType type = store.type();
        JsonNode parsed = BodyDecoder.yaml(req.body(), type);
        if (!(parsed instanceof ObjectNode applied)) {
            throw ApiException.badRequest("error decoding YAML: the apply configuration is not an object");
        }
        BodyDecoder.checkKind(applied, type);
        String appliedName = io.k8j.apiserver.registry.Meta.name(applied);
        if (appliedName != null && !appliedName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + appliedName
                    + ") does not match the name on the URL (" + name + ")");
        }
        validation.check(req, applied, type);
        WriteOptions applyWrite = write.asApply();
        try {
            try {
                ObjectNode result = store.guaranteedUpdate(ns, name,
                        current -> checked(req, type, ns, merge(current, applied, write, type)), applyWrite, subresource);
                return new Result(result, false);
            } catch (ApiException e) {
                if (e.code() != 404 || subresource != null) {
                    throw e;
                }
                return new Result(store.create(ns, checked(req, type, ns, merge(null, applied, write, type)), applyWrite), true);
            }
        } catch (ApplyConflictException e) {
            throw e.toApiException();
        }
    }

    private static ObjectNode merge(ObjectNode current, ObjectNode applied, WriteOptions write, ResourceType type) {
        return ServerSideApply.apply(current, applied.deepCopy(), write.fieldManager(), write.force(),
                type.modelClass(), type.apiVersion(), Instant.now()).object();
    }
}
