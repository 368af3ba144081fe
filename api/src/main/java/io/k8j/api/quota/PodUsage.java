package io.k8j.api.quota;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a pod charges against a quota (kube's pod evaluator). */
public final class PodUsage {
    private PodUsage() {
    }

    /**
     * Whether the pod still counts: not Succeeded or Failed, and not past the end of its deletion grace
     * period (a pod whose node is gone would otherwise hold quota for ever).
     */
    public static boolean counts(Pod pod, Instant now) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        String deleted = pod.getMetadata().getDeletionTimestamp();
        if (deleted != null && pod.getMetadata().getDeletionGracePeriodSeconds() != null) {
            return !now.isAfter(Instant.parse(deleted).plusSeconds(pod.getMetadata().getDeletionGracePeriodSeconds()));
        }
        return true;
    }

    /**
     * The pod's request (or limit) of {@code resource}, as kube's resourcehelper.PodRequests: the sum over app
     * containers, raised to the largest init container (they run one at a time, before the app containers),
     * where sidecars (init containers with restartPolicy Always) keep running and so add to both; plus overhead.
     */
    static BigDecimal of(Pod pod, String resource, boolean limits) {
        Function<Container, BigDecimal> amount = c -> {
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> m = r == null ? null : limits ? r.getLimits() : r.getRequests();
            return m == null ? BigDecimal.ZERO : QuotaQuantities.amount(m.get(resource));
        };
        List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        List<Container> init = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        BigDecimal sum = containers.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sidecars = BigDecimal.ZERO;
        BigDecimal initMax = BigDecimal.ZERO;
        for (Container c : init) {
            if ("Always".equals(c.getRestartPolicy())) {
                sidecars = sidecars.add(amount.apply(c));
                initMax = initMax.max(sidecars);
            } else {
                initMax = initMax.max(sidecars.add(amount.apply(c)));
            }
        }
        Map<String, Quantity> overhead = pod.getSpec().getOverhead();
        BigDecimal extra = overhead == null ? BigDecimal.ZERO : QuotaQuantities.amount(overhead.get(resource));
        return sum.add(sidecars).max(initMax).add(extra);
    }
}
