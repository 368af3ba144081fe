package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.k8j.client.Tolerations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a pod must leave its node because of the node's NoExecute taints (kube's taint eviction): at once
 * for a taint it does not tolerate; tolerationSeconds after the taint was added for one it tolerates for a
 * while (the smallest such value among the matching tolerations); never when every taint is tolerated for
 * good.
 */
final class EvictionTime {
    private EvictionTime() {
    }

    /**
     * The instant of eviction (at or before {@code now} means now), or empty for never.
     *
     * @param addedAt when a taint was added; its timeAdded, or when it was first seen if it has none
     */
    static Optional<Instant> of(List<Taint> taints, List<Toleration> tolerations, Function<Taint, Instant> addedAt, Instant now) {
        Instant earliest = null;
        for (Taint taint : taints == null ? List.<Taint>of() : taints) {
            if (!"NoExecute".equals(taint.getEffect())) {
                continue;
            }
            List<Toleration> matching = tolerations == null ? List.of()
                    : tolerations.stream().filter(t -> Tolerations.tolerates(t, taint)).toList();
            if (matching.isEmpty()) {
                return Optional.of(now);
            }
            Optional<Long> seconds = matching.stream().map(Toleration::getTolerationSeconds)
                    .filter(s -> s != null).min(Long::compare);
            if (seconds.isPresent()) {
                Instant at = addedAt.apply(taint).plusSeconds(Math.max(0, seconds.get()));
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            }
        }
        return Optional.ofNullable(earliest);
    }
}
