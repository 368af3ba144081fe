package io.k8j.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.api.quota.QuotaQuantities;
import io.k8j.api.quota.QuotaUsage;
import io.k8j.api.selector.FieldSelector;
import io.k8j.api.selector.LabelSelector;
import io.k8j.apiserver.registry.Admission;
import io.k8j.apiserver.registry.AdmissionRequest;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.ListOptions;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.WriteOptions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * kube's ResourceQuota admission on create: the new object's usage is added to each quota's
 * status.used in its namespace; if that goes over status.hard the create is Forbidden (403), otherwise
 * the quotas are charged (status written with the resourceVersion read, retried on conflict) so that
 * the next create sees the usage before the ResourceQuota controller recounts.
 */
public final class QuotaAdmission implements Admission {
    private static final int ATTEMPTS = 5;
    /**
     * The first look reads the watch cache as it is (resourceVersion "0") so that creates in namespaces
     * without quotas pay no consistent read; a conflict retries with a consistent one.
     */
    private static final ListOptions ANY_VERSION = new ListOptions(LabelSelector.everything(), FieldSelector.everything(),
            0, null, "0", "", false, false, 0);

    private final Supplier<GenericStore> quotas;
    private final Clock clock;

    /** {@code quotas} is the resourcequotas store (looked up late: the registry builds the stores). */
    public QuotaAdmission(Supplier<GenericStore> quotas, Clock clock) {
        this.quotas = quotas;
        this.clock = clock;
    }

    public static QuotaAdmission of(Registry registry, Clock clock) {
        return new QuotaAdmission(() -> registry.find("", "v1", "resourcequotas").orElseThrow(), clock);
    }

    @Override
    public void admit(AdmissionRequest request) {
        ResourceType type = request.type();
        ObjectNode obj = request.obj();
        boolean dryRun = request.dryRun();
        if (!request.isCreate() || !type.namespaced() || type.modelClass() == null) {
            return; // the quota evaluator knows built-in kinds only; custom resources are not charged
        }
        String namespace = Meta.namespace(obj);
        for (int attempt = 1; ; attempt++) {
            List<ObjectNode> charged = charges(type, obj, namespace, attempt == 1);
            if (dryRun || charged.isEmpty()) {
                return;
            }
            try {
                charged.forEach(q -> quotas.get().update(namespace, Meta.name(q), q, WriteOptions.of("kube-apiserver"), "status"));
                return;
            } catch (ApiException e) {
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The quotas {@code obj} uses, with its usage added; throws Forbidden when one would be exceeded. */
    private List<ObjectNode> charges(ResourceType type, ObjectNode obj, String namespace, boolean cached) {
        List<ObjectNode> items = quotas.get().list(namespace, cached ? ANY_VERSION : ListOptions.all()).items();
        if (items.isEmpty()) {
            return List.of();
        }
        HasMetadata typed = (HasMetadata) Json.MAPPER.convertValue(obj, type.modelClass());
        String resource = type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
        QuotaUsage request = new QuotaUsage(r -> r.equals(resource) ? List.of(typed) : List.of(), clock.instant());
        String subject = type.plural() + " \"" + Meta.name(obj) + "\" is forbidden: ";
        List<ObjectNode> charged = new ArrayList<>();
        for (ObjectNode item : items.stream().sorted(Comparator.comparing(Meta::name)).toList()) {
            ResourceQuota quota = Json.MAPPER.convertValue(item, ResourceQuota.class);
            Map<String, Quantity> requested = new TreeMap<>(request.used(quota.getSpec() == null || quota.getSpec().getHard() == null
                    ? Map.of() : quota.getSpec().getHard()));
            requested.values().removeIf(q -> QuotaQuantities.amount(q).signum() == 0);
            if (requested.isEmpty()) {
                continue;
            }
            QuotaCharge charge = QuotaCharge.of(quota, requested);
            if (!charge.unknown().isEmpty()) {
                throw ApiException.forbidden(subject + "status unknown for quota: " + Meta.name(item)
                        + ", resources: " + String.join(",", charge.unknown()));
            }
            if (!charge.exceeded().isEmpty()) {
                throw ApiException.forbidden(subject + "exceeded quota: " + Meta.name(item) + ", " + charge.describeExceeded());
            }
            ObjectNode updated = item.deepCopy();
            updated.set("status", Json.MAPPER.valueToTree(charge.statusAfter()));
            charged.add(updated);
        }
        return charged;
    }
}
