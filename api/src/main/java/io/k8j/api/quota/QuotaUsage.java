package io.k8j.api.quota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A namespace's usage of the resources a quota limits (kube's quota evaluators for pods, services,
 * PVCs and object counts). Resources it knows nothing of are left out of status.used, as kube leaves
 * them. The ResourceQuota controller sums a namespace with it; quota admission, one new object.
 */
public final class QuotaUsage {
    /** Object counts kube spells without the {@code count/} prefix. */
    private static final Set<String> LEGACY_COUNTS = Set.of("pods", "services", "configmaps", "secrets",
            "persistentvolumeclaims", "resourcequotas");
    /** Service types whose every port takes a node port. */
    private static final Set<String> NODE_PORT_TYPES = Set.of("NodePort", "LoadBalancer");
    private static final Set<String> POD_COMPUTE = Set.of("cpu", "memory", "ephemeral-storage");

    private final Function<String, List<? extends HasMetadata>> objects;
    private final Instant now;

    /** {@code objects} gives the namespace's objects by resource ({@code pods}, {@code jobs.batch}), or null when unknown. */
    public QuotaUsage(Function<String, List<? extends HasMetadata>> objects, Instant now) {
        this.objects = objects;
        this.now = now;
    }

    /** status.used for {@code hard}. */
    public Map<String, Quantity> used(Map<String, Quantity> hard) {
        Map<String, Quantity> used = new LinkedHashMap<>();
        hard.forEach((name, limit) -> {
            BigDecimal amount = amount(name);
            if (amount != null) {
                used.put(name, new Quantity(QuotaQuantities.format(amount, limit)));
            }
        });
        return used;
    }

    /** The usage of one resource name, or null when it is not one this knows. */
    public BigDecimal amount(String name) {
        if (name.equals("requests.storage")) {
            return claims().stream().map(c -> c.getSpec().getResources() == null || c.getSpec().getResources().getRequests() == null
                    ? BigDecimal.ZERO : QuotaQuantities.amount(c.getSpec().getResources().getRequests().get("storage")))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        if (POD_COMPUTE.contains(name)) {
            return podSum(name, false);
        }
        if (name.startsWith("requests.")) {
            return podSum(name.substring("requests.".length()), false);
        }
        if (name.startsWith("limits.")) {
            return podSum(name.substring("limits.".length()), true);
        }
        if (name.equals("services.nodeports")) {
            return BigDecimal.valueOf(services().stream().filter(s -> NODE_PORT_TYPES.contains(s.getSpec().getType()))
                    .mapToInt(s -> s.getSpec().getPorts() == null ? 0 : s.getSpec().getPorts().size()).sum());
        }
        if (name.equals("services.loadbalancers")) {
            return BigDecimal.valueOf(services().stream().filter(s -> "LoadBalancer".equals(s.getSpec().getType())).count());
        }
        String resource = name.startsWith("count/") ? name.substring("count/".length()) : LEGACY_COUNTS.contains(name) ? name : null;
        if (resource == null) {
            return null;
        }
        if (resource.equals("pods")) {
            return BigDecimal.valueOf(pods().size());
        }
        List<? extends HasMetadata> all = objects.apply(resource);
        return all == null ? null : BigDecimal.valueOf(all.size());
    }

    private BigDecimal podSum(String resource, boolean limits) {
        return pods().stream().map(p -> PodUsage.of(p, resource, limits)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<Pod> pods() {
        return typed("pods", Pod.class).stream().filter(p -> PodUsage.counts(p, now)).toList();
    }

    private List<Service> services() {
        return typed("services", Service.class);
    }

    private List<PersistentVolumeClaim> claims() {
        return typed("persistentvolumeclaims", PersistentVolumeClaim.class);
    }

    private <T> List<T> typed(String resource, Class<T> type) {
        List<? extends HasMetadata> all = objects.apply(resource);
        return all == null ? List.of() : all.stream().map(type::cast).toList();
    }
}
