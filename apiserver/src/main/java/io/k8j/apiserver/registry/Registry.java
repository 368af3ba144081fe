package io.k8j.apiserver.registry;

import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.admission.QuotaAdmission;
import io.k8j.storage.Storage;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** One {@link GenericStore} per served resource, sharing one storage and the namespace lifecycle rules. */
public final class Registry {
    private final ResourceCatalog catalog;
    private final Map<ResourceType, GenericStore> stores = new LinkedHashMap<>();

    public Registry(ResourceCatalog catalog, Storage storage, Function<ResourceType, ResourceStrategy> strategies,
                    FieldManager fieldManager, Clock clock) {
        this.catalog = catalog;
        NamespaceLifecycle lifecycle = new NamespaceLifecycle(this);
        StrategyContextFactory contexts = dryRun -> new WriteContext((group, plural) -> find(group, "v1", plural)
                .map(s -> s.list(null, ListOptions.all()).items()).orElse(List.of()), dryRun);
        CreateAdmission quota = QuotaAdmission.of(this, clock);
        for (ResourceType type : catalog.all()) {
            stores.put(type, new GenericStore(type, strategies.apply(type), storage, lifecycle, contexts,
                    fieldManager, clock, quota));
        }
    }

    public ResourceCatalog catalog() {
        return catalog;
    }

    public Optional<GenericStore> find(String group, String version, String plural) {
        return catalog.find(group, version, plural).map(stores::get);
    }

    public GenericStore store(ResourceType type) {
        return stores.get(type);
    }

    public GenericStore namespaces() {
        return find("", "v1", "namespaces").orElseThrow();
    }
}
