package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.k8j.client.EventRecorder;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Evicts victims and nominates the node as kube-scheduler does, through the API. */
public final class ApiPreemptionWriter implements PreemptionWriter {
    private final KubernetesClient client;
    private final EventRecorder events;
    private final Clock clock;

    public ApiPreemptionWriter(KubernetesClient client, String schedulerName, Clock clock) {
        this.client = client;
        this.events = new EventRecorder(client, schedulerName, clock);
        this.clock = clock;
    }

    @Override
    public void evict(Pod victim, Pod preemptor, String node) {
        var pod = client.pods().inNamespace(victim.getMetadata().getNamespace()).withName(victim.getMetadata().getName());
        Map<String, Object> condition = Map.of("type", "DisruptionTarget", "status", "True", "reason", "PreemptionByScheduler",
                "message", "default-scheduler: preempting to accommodate a higher priority pod",
                "lastTransitionTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            pod.subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                    client.getKubernetesSerialization().asJson(Map.of("status", Map.of("conditions", List.of(condition)))));
            events.record(victim, "Normal", "Preempted", "Preempted by pod " + preemptor.getMetadata().getUid() + " on node " + node);
            pod.delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e; // a victim already gone is fine
            }
        }
    }

    @Override
    public void nominate(Pod preemptor, String node) {
        client.pods().inNamespace(preemptor.getMetadata().getNamespace()).withName(preemptor.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                        client.getKubernetesSerialization().asJson(Map.of("status", Map.of("nominatedNodeName", node))));
    }
}
