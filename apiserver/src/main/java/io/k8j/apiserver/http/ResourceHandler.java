package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.authn.Authentication;
import io.k8j.apiserver.authz.Authorization;
import io.k8j.apiserver.authz.EscalationCheck;
import io.k8j.apiserver.registry.Deleter;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.ListOptions;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.ObjectList;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.ResourceVersions;
import io.k8j.apiserver.registry.WriteOptions;
import io.k8j.apiserver.table.TableConverter;

import java.time.Clock;
import java.util.List;

/** Serves the verbs on a resource collection or object: the REST half of kube-apiserver's handlers. */
final class ResourceHandler {
    private final Registry registry;
    private final RequestOptions options;
    private final FieldValidation validation;
    private final PatchHandler patches;
    private final Subresources subresources;
    private final WatchResponder watches;
    private final AuthenticationReviews reviews;
    private final AuthorizationReviews accessReviews;
    private final EscalationCheck escalation;
    private final Clock clock;

    /** {@code authn} null: no token authentication (serviceaccounts/token answers 404). */
    ResourceHandler(Registry registry, FieldValidation validation, WatchResponder watches, Clock clock,
                    KubeletProxy kubelets, Authentication authn, Authorization authz) {
        this.registry = registry;
        this.options = new RequestOptions();
        this.validation = validation;
        this.escalation = authz == null ? null : authz.escalation();
        this.patches = new PatchHandler(validation, options, escalation);
        this.subresources = new Subresources(registry, patches, options, kubelets,
                authn == null ? null : new TokenRequests(registry, authn, clock));
        this.watches = watches;
        this.reviews = new AuthenticationReviews(authn == null ? null : authn.tokens(), clock);
        this.accessReviews = new AuthorizationReviews(authz);
        this.clock = clock;
    }

    void handle(ApiRequest req, RequestInfo info) {
        ResourceType type = registry.catalog().find(info.group(), info.version(), info.resource())
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        if (type.createOnly()) {
            review(req, info, type);
            return;
        }
        GenericStore store = registry.store(type);
        if (store == null) { // a custom resource whose definition was withdrawn meanwhile
            throw ApiException.notFound("the server could not find the requested resource");
        }
        if (type.namespaced() && info.namespace() == null && !List.of("list", "watch").contains(info.verb())) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        String ns = type.namespaced() ? info.namespace() : null;
        if (info.subresource() != null) {
            subresources.handle(req, info, store, ns);
            return;
        }
        switch (info.verb()) {
            case "get" -> {
                ResourceVersions.parse(req.param("resourceVersion"));
                respondObject(req, type, store.get(ns, info.name()), 200);
            }
            case "list" -> list(req, type, store, ns);
            case "watch" -> watches.serve(req, store, ns, options.list(req, true));
            case "create" -> create(req, type, store, ns, info);
            case "update" -> update(req, type, store, ns, info.name());
            case "patch" -> patch(req, store, ns, info.name(), null);
            case "delete" -> delete(req, type, store, ns, info.name());
            case "deletecollection" -> deleteCollection(req, type, store, ns);
            default -> throw ApiException.methodNotAllowed();
        }
    }

    /** Reviews take only a POST to their collection. */
    private void review(ApiRequest req, RequestInfo info, ResourceType type) {
        if (info.name() != null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        if (!info.verb().equals("create") || !(reviews.create(req, type) || accessReviews.create(req, type, info))) {
            throw ApiException.methodNotAllowed();
        }
    }

    private void list(ApiRequest req, ResourceType type, GenericStore store, String ns) {
        if (!MediaTypes.wantsTable(req.header("Accept"))) {
            Responses.bytes(req, 200, ListBody.encode(type, store.reader().listEncoded(ns, options.list(req, false))), MediaTypes.JSON);
            return;
        }
        ObjectList page = store.list(ns, options.list(req, false));
        ObjectNode table = TableConverter.forResource(type).toTable(page.items(), req.param("includeObject"),
                Long.toString(page.resourceVersion()), page.continueToken(), clock.instant());
        Responses.json(req, 200, table, MediaTypes.TABLE);
    }

    static ObjectNode listObject(ResourceType type, List<ObjectNode> items, long revision, String continueToken) {
        ObjectNode list = Json.object();
        list.put("kind", type.listKind());
        list.put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(revision));
        if (continueToken != null) {
            meta.put("continue", continueToken);
        }
        ArrayNode arr = list.putArray("items");
        items.forEach(arr::add);
        return list;
    }

    private void create(ApiRequest req, ResourceType type, GenericStore store, String ns, RequestInfo info) {
        if (info.name() != null) {
            throw ApiException.methodNotAllowed();
        }
        ObjectNode obj = validation.decode(req, type);
        String bodyNs = Meta.namespace(obj);
        if (type.namespaced() && bodyNs != null && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        CsrRequester.stamp(type, obj, req.user());
        if (escalation != null) {
            escalation.check(req.user(), type, ns, obj);
        }
        ObjectNode created = store.create(ns, obj, options.write(req));
        respondObject(req, type, created, 201);
    }

    private void update(ApiRequest req, ResourceType type, GenericStore store, String ns, String name) {
        ObjectNode obj = validation.decode(req, type);
        if (escalation != null) {
            escalation.check(req.user(), type, ns, obj);
        }
        ObjectNode updated = store.update(ns, name, obj, options.write(req), null);
        respondObject(req, type, updated, 200);
    }

    void patch(ApiRequest req, GenericStore store, String ns, String name, String subresource) {
        PatchHandler.Result result = patches.patch(req, store, ns, name, subresource);
        respondObject(req, store.type(), result.object(), result.created() ? 201 : 200);
    }

    private void delete(ApiRequest req, ResourceType type, GenericStore store, String ns, String name) {
        Deleter.Result result = store.delete(ns, name, options.delete(req));
        if (result.deleted() && !type.plural().equals("pods")) {
            ObjectNode details = Json.object().put("name", name);
            if (!type.group().isEmpty()) {
                details.put("group", type.group());
            }
            details.put("kind", type.plural()).put("uid", Meta.uid(result.object()));
            Responses.json(req, 200, Responses.success(details));
        } else {
            // 200 also when deletion waits (finalizers, grace, namespaces): kube sends 202 only for the
            // deprecated orphanDependents=false
            Responses.json(req, 200, result.object());
        }
    }

    private void deleteCollection(ApiRequest req, ResourceType type, GenericStore store, String ns) {
        List<ObjectNode> deleted = store.deleteCollection(ns, options.list(req, false), options.delete(req));
        Responses.json(req, 200, listObject(type, deleted, 0, null));
    }

    void respondObject(ApiRequest req, ResourceType type, ObjectNode obj, int code) {
        if (MediaTypes.wantsTable(req.header("Accept"))) {
            ObjectNode table = TableConverter.forResource(type).toTable(List.of(obj), req.param("includeObject"),
                    Meta.resourceVersion(obj), null, clock.instant());
            Responses.json(req, code, table, MediaTypes.TABLE);
        } else {
            Responses.json(req, code, obj);
        }
    }
}
