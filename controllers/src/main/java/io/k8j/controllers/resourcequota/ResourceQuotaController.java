package io.k8j.controllers.resourcequota;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.Keys;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps ResourceQuota status (hard mirrors spec.hard, used is the namespace's usage) current, as kube's
 * resource quota controller: a quota is recounted when it is created or its limits change, when a counted
 * object is deleted or frees usage ({@link Replenishment}), and every {@link QuotaSync#RESYNC} anyway;
 * additions are charged by quota admission in the API server.
 */
public final class ResourceQuotaController implements Controller {
    /** The kinds whose objects quotas count, by the resource name quotas use ({@code count/<this>}). */
    static final Map<String, Class<? extends HasMetadata>> COUNTED = counted();

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;
    private SharedIndexInformer<ResourceQuota> quotas;

    public ResourceQuotaController(KubernetesClient client, SharedInformers informers) {
        this(client, informers, Clock.systemUTC());
    }

    ResourceQuotaController(KubernetesClient client, SharedInformers informers, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.clock = clock;
    }

    private static Map<String, Class<? extends HasMetadata>> counted() {
        Map<String, Class<? extends HasMetadata>> m = new LinkedHashMap<>();
        m.put("pods", Pod.class);
        m.put("services", Service.class);
        m.put("configmaps", ConfigMap.class);
        m.put("secrets", Secret.class);
        m.put("persistentvolumeclaims", PersistentVolumeClaim.class);
        m.put("resourcequotas", ResourceQuota.class);
        m.put("deployments.apps", Deployment.class);
        m.put("replicasets.apps", ReplicaSet.class);
        m.put("statefulsets.apps", StatefulSet.class);
        m.put("daemonsets.apps", DaemonSet.class);
        m.put("jobs.batch", Job.class);
        m.put("cronjobs.batch", CronJob.class);
        return Map.copyOf(m);
    }

    @Override
    public void start() {
        quotas = informers.of(ResourceQuota.class);
        quotas.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ResourceQuota quota) {
                queue.add(Keys.of(quota));
            }

            /** Only a change of the limits: status updates are the controller's and admission's own writes. */
            @Override
            public void onUpdate(ResourceQuota old, ResourceQuota quota) {
                if (!Objects.equals(hard(old), hard(quota))) {
                    queue.add(Keys.of(quota));
                }
            }

            @Override
            public void onDelete(ResourceQuota quota, boolean finalStateUnknown) {
            }
        });
        Map<String, SharedIndexInformer<? extends HasMetadata>> byResource = new LinkedHashMap<>();
        COUNTED.forEach((resource, type) -> {
            SharedIndexInformer<? extends HasMetadata> informer = informers.of(type);
            byResource.put(resource, informer);
            if (type != ResourceQuota.class) {
                informer.addEventHandler(namespaceQuotas());
            }
        });
        QuotaSync sync = new QuotaSync(client, quotas.getIndexer(), byResource, clock);
        loop = new ControllerLoop("resourcequota-controller", queue, sync::reconcile, 1);
        informers.start(COUNTED.values().toArray(Class[]::new));
        loop.start();
    }

    private static Object hard(ResourceQuota quota) {
        return quota.getSpec() == null ? null : quota.getSpec().getHard();
    }

    /** Deletions and usage-freeing updates of counted objects re-sync the quotas of their namespace. */
    private <T extends HasMetadata> ResourceEventHandler<T> namespaceQuotas() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
            }

            @Override
            public void onUpdate(T old, T obj) {
                if (Replenishment.changesUsage(old, obj, clock.instant())) {
                    enqueue(obj);
                }
            }

            @Override
            public void onDelete(T obj, boolean finalStateUnknown) {
                enqueue(obj);
            }

            private void enqueue(T obj) {
                quotas.getIndexer().byIndex("namespace", obj.getMetadata().getNamespace()).forEach(q -> queue.add(Keys.of(q)));
            }
        };
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
