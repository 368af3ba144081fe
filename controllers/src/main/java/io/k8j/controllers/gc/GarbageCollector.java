package io.k8j.controllers.gc;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes objects whose owners are all gone and carries out orphan and foreground deletion. One
 * informer per discovered resource, indexed by owner uid; discovery is repeated so that new resources
 * (CRDs) are watched too. Events only enqueue keys: the object itself, or for a deletion its
 * dependents (now possibly orphaned) and its owners (possibly waiting on it in the foreground).
 */
public final class GarbageCollector implements Controller {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    static final String OWNER_INDEX = "owner-uid";
    private static final Duration RESYNC_DISCOVERY = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final WorkQueue queue = new WorkQueue();
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private final Map<String, ResourceDefinitionContext> resources = new ConcurrentHashMap<>();
    private final ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gc-discovery").daemon().factory());
    private final ControllerLoop loop;

    public GarbageCollector(KubernetesClient client) {
        this.client = client;
        this.loop = new ControllerLoop("garbage-collector", queue, new GcSync(client, informers, resources)::reconcile, 2);
    }

    @Override
    public void start() {
        rediscover();
        loop.start();
        discovery.scheduleWithFixedDelay(this::rediscover, RESYNC_DISCOVERY.toSeconds(), RESYNC_DISCOVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void rediscover() {
        try {
            Map<String, ResourceDefinitionContext> found = Discovery.resources(client);
            resources.putAll(found);
            found.forEach((id, ctx) -> informers.computeIfAbsent(id, x -> inform(id, ctx)));
        } catch (RuntimeException e) {
            LOG.warn("garbage collector: discovery failed: {}", e.toString());
        }
    }

    private SharedIndexInformer<GenericKubernetesResource> inform(String id, ResourceDefinitionContext ctx) {
        var op = client.genericKubernetesResources(ctx);
        SharedIndexInformer<GenericKubernetesResource> informer = ctx.isNamespaceScoped()
                ? op.inAnyNamespace().runnableInformer(0) : op.runnableInformer(0);
        informer.addIndexers(Map.of(OWNER_INDEX, o -> o.getMetadata().getOwnerReferences() == null ? List.of()
                : o.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).toList()));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                changed(id, obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
                changed(id, obj);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
                informers.forEach((dependentId, i) -> i.getIndexer().byIndex(OWNER_INDEX, obj.getMetadata().getUid())
                        .forEach(dependent -> queue.add(ObjectKey.of(dependentId, dependent).toString())));
                ownerKeys(obj).forEach(queue::add);
            }
        });
        informer.start().toCompletableFuture().join();
        return informer;
    }

    private void changed(String id, GenericKubernetesResource obj) {
        boolean owned = obj.getMetadata().getOwnerReferences() != null && !obj.getMetadata().getOwnerReferences().isEmpty();
        boolean finalizing = obj.getMetadata().getDeletionTimestamp() != null && obj.getMetadata().getFinalizers() != null
                && (obj.getMetadata().getFinalizers().contains(GcSync.ORPHAN) || obj.getMetadata().getFinalizers().contains(GcSync.FOREGROUND));
        if (owned || finalizing) {
            queue.add(ObjectKey.of(id, obj).toString());
        }
    }

    private List<String> ownerKeys(HasMetadata obj) {
        List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
        return refs == null ? List.of() : refs.stream().map(r -> new ObjectKey(r.getApiVersion() + "|" + r.getKind(),
                namespaceOfOwner(r, obj), r.getName()).toString()).toList();
    }

    /** An owner is in its dependent's namespace, unless its resource is cluster-scoped. */
    private String namespaceOfOwner(OwnerReference ref, HasMetadata dependent) {
        ResourceDefinitionContext ctx = resources.get(ref.getApiVersion() + "|" + ref.getKind());
        String ns = dependent.getMetadata().getNamespace();
        return ctx == null || !ctx.isNamespaceScoped() || ns == null ? "" : ns;
    }

    @Override
    public void close() {
        discovery.shutdownNow();
        loop.close();
        informers.values().forEach(SharedIndexInformer::close);
    }
}
