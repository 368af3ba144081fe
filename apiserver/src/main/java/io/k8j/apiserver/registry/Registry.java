package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.admission.QuotaAdmission;
import io.k8j.apiserver.admission.noderestriction.NodeRestriction;
import io.k8j.apiserver.admission.webhook.WebhookAdmission;
import io.k8j.apiserver.admission.podsecurity.PodSecurityAdmission;
import io.k8j.storage.Storage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link GenericStore} per stored resource, sharing one storage and the namespace lifecycle rules. Built-in
 * resources are there from the start; custom resources come and go with their CustomResourceDefinitions
 * ({@link #serve}, {@link #withdraw}).
 */
public final class Registry {
    private final ResourceCatalog catalog;
    private final Map<ResourceType, GenericStore> stores = new ConcurrentHashMap<>();
    private final Storage storage;
    private final NamespaceLifecycle lifecycle;
    private final StrategyContextFactory contexts;
    private final FieldManager fieldManager;
    private final Clock clock;
    private final Admission admission;

    public Registry(ResourceCatalog catalog, Storage storage, Function<ResourceType, ResourceStrategy> strategies,
                    FieldManager fieldManager, Clock clock) {
        this.catalog = catalog;
        this.storage = storage;
        this.fieldManager = fieldManager;
        this.clock = clock;
        this.lifecycle = new NamespaceLifecycle(this);
        this.contexts = dryRun -> new WriteContext((group, plural) -> find(group, "v1", plural)
                .map(s -> s.list(null, ListOptions.all()).items()).orElse(List.of()), this::recent, dryRun);
        WebhookAdmission webhooks = new WebhookAdmission(this::namespaceLabels);
        // kube's plugin order: NodeRestriction, PodSecurity, webhooks, then ResourceQuota charges the quota
        this.admission = Admission.all(List.of(new NodeRestriction(name -> recent("", "nodes", null, name)),
                podSecurity(), webhooks, QuotaAdmission.of(this, clock)));
        for (ResourceType type : catalog.all()) {
            if (type.createOnly()) {
                continue; // reviews are answered, not stored
            }
            stores.put(type, new GenericStore(type, strategies.apply(type), storage, lifecycle, contexts,
                    fieldManager, clock, admission, type.plural().equals("namespaces") && type.group().isEmpty()
                    ? ns -> DefaultServiceAccount.ensure(this, Meta.name(ns)) : created -> { }));
        }
        webhooks.start(webhookConfigurations("mutatingwebhookconfigurations"),
                webhookConfigurations("validatingwebhookconfigurations"));
    }

    private StoreReader webhookConfigurations(String plural) {
        return find("admissionregistration.k8s.io", "v1", plural).orElseThrow().reader();
    }

    /**
     * Serves {@code type} (a custom resource's version) with {@code strategy}: its store is in place before the
     * catalog, and so discovery, lists it. A type already served is replaced (its CRD changed).
     */
    public void serve(ResourceType type, ResourceStrategy strategy) {
        Optional<ResourceType> previous = catalog.find(type.group(), type.version(), type.plural());
        stores.put(type, new GenericStore(type, strategy, storage, lifecycle, contexts, fieldManager, clock, admission,
                created -> { }));
        catalog.register(type);
        previous.filter(p -> !p.equals(type)).ifPresent(stores::remove);
    }

    /** Stops serving {@code type}; its objects stay in storage. */
    public void withdraw(ResourceType type) {
        catalog.find(type.group(), type.version(), type.plural()).ifPresent(served -> {
            catalog.unregister(served);
            stores.remove(served);
        });
    }

    public ResourceCatalog catalog() {
        return catalog;
    }

    public Optional<GenericStore> find(String group, String version, String plural) {
        return catalog.find(group, version, plural).map(stores::get);
    }

    /** Null for a create-only (review) type. */
    public GenericStore store(ResourceType type) {
        return stores.get(type);
    }

    /** One object as the watch cache has it, else as storage has it; null when there is none. */
    private ObjectNode recent(String group, String plural, String namespace, String name) {
        GenericStore store = find(group, "v1", plural).orElseThrow();
        ObjectNode cached = store.reader().getRecent(namespace, name);
        if (cached != null) {
            return cached;
        }
        try {
            return store.get(namespace, name);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private PodSecurityAdmission podSecurity() {
        return new PodSecurityAdmission(this::namespaceLabels,
                ns -> find("", "v1", "pods").orElseThrow().list(ns, ListOptions.all()).items());
    }

    private JsonNode namespaceLabels(String name) {
        ObjectNode ns = recent("", "namespaces", null, name);
        return ns == null ? Json.object() : ns.path("metadata").path("labels");
    }

    public GenericStore namespaces() {
        return find("", "v1", "namespaces").orElseThrow();
    }
}
