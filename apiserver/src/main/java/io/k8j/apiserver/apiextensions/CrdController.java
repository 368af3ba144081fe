package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.DeleteOptions;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.ListOptions;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.ObjectList;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.WatchSink;
import io.k8j.apiserver.registry.WriteOptions;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The API server's apiextensions controllers in one loop (kube's naming, establishing and finalizing
 * controllers): it watches CRDs and, for each, decides its accepted names and conditions (NamesAccepted,
 * Established), serves its versions through the registry's generic store (so discovery lists them), and on
 * deletion deletes its custom resources, withdraws it and releases the customresourcecleanup finalizer.
 * Syncs run one at a time on one thread; a sync that cannot finish yet runs again a second later.
 */
public final class CrdController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrdController.class);
    private static final WriteOptions WRITER = WriteOptions.of("kube-apiserver");
    private static final long RETRY_SECONDS = 1;

    private final Registry registry;
    private final GenericStore crds;
    private final Clock clock;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("crd-controller").daemon().factory());
    private final Map<String, List<ResourceType>> served = new ConcurrentHashMap<>();
    private volatile WatchHandle watch;

    private CrdController(Registry registry, Clock clock) {
        this.registry = registry;
        this.crds = registry.find("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
        this.clock = clock;
    }

    /** Serves the CRDs already stored before returning (a restart serves their resources at once), then watches. */
    public static CrdController start(Registry registry, Clock clock) {
        CrdController c = new CrdController(registry, clock);
        ObjectList existing = c.crds.list(null, ListOptions.all());
        for (ObjectNode crd : existing.items()) {
            c.sync(Meta.name(crd));
        }
        c.loop.execute(c::watch);
        return c;
    }

    private void watch() {
        watch = crds.reader().watch(null, ListOptions.all(), new WatchSink() {
            @Override
            public void event(String type, ObjectNode object) {
                String name = Meta.name(object);
                loop.execute(() -> sync(name));
            }

            @Override
            public void initialEventsEnd(long revision) {
            }

            @Override
            public void terminated(StorageException cause) {
                LOG.info("CRD watch ended ({}); watching again", cause == null ? "closed" : cause.getMessage());
                loop.schedule(CrdController.this::watch, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        });
    }

    private void sync(String name) {
        try {
            if (!syncOnce(name)) {
                loop.schedule(() -> sync(name), RETRY_SECONDS, TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            LOG.warn("syncing CustomResourceDefinition {}: {}", name, e.toString());
            if (!loop.isShutdown()) {
                loop.schedule(() -> sync(name), RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /** False when the CRD is not done with yet (custom resources still being deleted). */
    private boolean syncOnce(String name) {
        ObjectNode crd;
        try {
            crd = crds.get(null, name);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            withdraw(name);
            return true;
        }
        if (Meta.isDeleting(crd)) {
            return finalize(crd);
        }
        CrdNames.Conflict conflict = CrdNames.conflict(name, crd.path("spec"), registry.catalog().all());
        ObjectNode updated = crds.guaranteedUpdate(null, name, current -> {
            accept(current, conflict);
            return current;
        }, WRITER, "status");
        if (conflict == null) {
            serve(name, CustomResourceTypes.served(updated), false);
        } else {
            withdraw(name);
        }
        return true;
    }

    private void accept(ObjectNode crd, CrdNames.Conflict conflict) {
        ObjectNode status = crd.with("status");
        if (conflict == null) {
            status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
            CrdConditions.set(crd, "NamesAccepted", true, "NoConflicts", "no conflicts found", clock.instant());
            CrdConditions.set(crd, "Established", true, "InitialNamesAccepted", "the initial names have been accepted",
                    clock.instant());
            var stored = status.withArray("storedVersions");
            crd.path("spec").path("versions").forEach(v -> {
                String version = v.path("name").asText();
                if (v.path("storage").asBoolean(false) && stored.valueStream().noneMatch(s -> s.asText().equals(version))) {
                    stored.add(version);
                }
            });
        } else {
            if (!status.has("acceptedNames")) {
                status.putObject("acceptedNames").put("plural", "").put("kind", "");
            }
            CrdConditions.set(crd, "NamesAccepted", false, conflict.reason(), conflict.message(), clock.instant());
            if (!CrdConditions.isTrue(crd, "Established")) {
                CrdConditions.set(crd, "Established", false, "NotAccepted", "not all names are accepted", clock.instant());
            }
        }
    }

    /** Deletes the CRD's custom resources; once none is left, withdraws them and releases the finalizer. */
    private boolean finalize(ObjectNode crd) {
        String name = Meta.name(crd);
        if (!Meta.finalizers(crd).contains(CustomResourceDefinitionStrategy.CLEANUP_FINALIZER)) {
            withdraw(name);
            return true;
        }
        // a CRD whose names were never accepted was never served: it has no objects to delete
        List<ResourceType> types = CrdConditions.isTrue(crd, "NamesAccepted") ? CustomResourceTypes.served(crd) : List.of();
        serve(name, types, true);
        if (!types.isEmpty()) {
            crds.guaranteedUpdate(null, name, current -> {
                CrdConditions.set(current, "Terminating", true, "InstanceDeletionInProgress",
                        "CustomResource deletion is in progress", clock.instant());
                return current;
            }, WRITER, "status");
            GenericStore store = registry.store(types.getFirst());
            List<ObjectNode> left = store.list(null, ListOptions.all()).items();
            for (ObjectNode obj : left) {
                try {
                    store.delete(Meta.namespace(obj), Meta.name(obj), DeleteOptions.defaults());
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
            if (!store.list(null, ListOptions.all()).items().isEmpty()) {
                return false; // some wait on their own finalizers
            }
            crds.guaranteedUpdate(null, name, current -> {
                CrdConditions.set(current, "Terminating", true, "InstanceDeletionCompleted", "removed all instances",
                        clock.instant());
                return current;
            }, WRITER, "status");
        }
        withdraw(name);
        crds.guaranteedUpdate(null, name, current -> {
            Meta.setFinalizers(current, Meta.finalizers(current).stream()
                    .filter(f -> !f.equals(CustomResourceDefinitionStrategy.CLEANUP_FINALIZER)).toList());
            return current;
        }, WRITER, null);
        return true;
    }

    private void serve(String crdName, List<ResourceType> types, boolean terminating) {
        List<ResourceType> before = served.getOrDefault(crdName, List.of());
        for (ResourceType t : types) {
            registry.serve(t, new CustomResourceStrategy(t.custom().schema(), terminating));
        }
        before.stream().filter(old -> types.stream().noneMatch(t -> sameResource(t, old))).forEach(registry::withdraw);
        served.put(crdName, types);
    }

    private void withdraw(String crdName) {
        List<ResourceType> types = served.remove(crdName);
        if (types != null) {
            types.forEach(registry::withdraw);
        }
    }

    private static boolean sameResource(ResourceType a, ResourceType b) {
        return a.group().equals(b.group()) && a.version().equals(b.version()) && a.plural().equals(b.plural());
    }

    @Override
    public void close() {
        loop.shutdownNow();
        WatchHandle w = watch;
        if (w != null) {
            w.close();
        }
    }
}
