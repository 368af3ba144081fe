package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Sets PodScheduled=False/Unschedulable with the FailedScheduling message on pods/status, only when it changed. */
final class PodConditionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PodConditionWriter.class);
    private final KubernetesClient client;
    private final Clock clock;

    PodConditionWriter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void unschedulable(Pod pod, String message) {
        PodCondition current = pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
                : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
        if (!needsUpdate(current, message)) {
            return;
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "PodScheduled");
        condition.put("status", "False");
        condition.put("reason", "Unschedulable");
        condition.put("message", message);
        condition.put("lastProbeTime", null);
        // The transition time moves only when the status flips, as kube's podutil.UpdatePodCondition.
        condition.put("lastTransitionTime", current != null && "False".equals(current.getStatus())
                ? current.getLastTransitionTime() : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        String patch = Serialization.asJson(Map.of("status", Map.of("conditions", java.util.List.of(condition))));
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
        } catch (KubernetesClientException e) {
            LOG.debug("status of {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
        }
    }

    static boolean needsUpdate(PodCondition current, String message) {
        return current == null || !"False".equals(current.getStatus()) || !"Unschedulable".equals(current.getReason())
                || !Objects.equals(current.getMessage(), message);
    }
}
