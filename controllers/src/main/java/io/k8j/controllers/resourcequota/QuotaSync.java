package io.k8j.controllers.resourcequota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.api.quota.QuotaUsage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One pass over a ResourceQuota: recompute status from the informer caches, write it when it changed. */
final class QuotaSync {
    /** kube-controller-manager's --resource-quota-sync-period: a full recount now and then heals any drift. */
    static final Duration RESYNC = Duration.ofMinutes(5);
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final Indexer<ResourceQuota> quotas;
    private final Map<String, SharedIndexInformer<? extends HasMetadata>> byResource;
    private final Clock clock;

    QuotaSync(KubernetesClient client, Indexer<ResourceQuota> quotas,
              Map<String, SharedIndexInformer<? extends HasMetadata>> byResource, Clock clock) {
        this.client = client;
        this.quotas = quotas;
        this.byResource = byResource;
        this.clock = clock;
    }

    Duration reconcile(String key) {
        ResourceQuota quota = quotas.getByKey(key);
        if (quota == null || quota.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        String namespace = quota.getMetadata().getNamespace();
        Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of() : quota.getSpec().getHard();
        QuotaUsage usage = new QuotaUsage(resource -> objectsIn(resource, namespace), clock.instant());
        ResourceQuotaStatus status = new ResourceQuotaStatusBuilder().withHard(hard).withUsed(usage.used(hard)).build();
        var json = client.getKubernetesSerialization();
        if (json.asJson(status).equals(json.asJson(quota.getStatus() == null ? new ResourceQuotaStatus() : quota.getStatus()))) {
            return RESYNC;
        }
        ResourceQuota updated = new ResourceQuotaBuilder(quota).withStatus(status).build();
        try {
            client.resourceQuotas().inNamespace(namespace).resource(updated).updateStatus();
        } catch (KubernetesClientException e) {
            // Stale copy (admission charges quotas too): recount shortly, without a growing back-off.
            if (e.getCode() == 409) {
                return CONFLICT_RETRY;
            }
            throw e;
        }
        return RESYNC;
    }

    private List<? extends HasMetadata> objectsIn(String resource, String namespace) {
        SharedIndexInformer<? extends HasMetadata> informer = byResource.get(resource);
        return informer == null ? null : informer.getIndexer().byIndex("namespace", namespace);
    }
}
