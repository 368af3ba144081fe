package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes pods/status when it changed: a JSON merge patch of the whole status (lists replace, so a
 * container's state never keeps a stale branch). Remembers what it wrote, so a watch that lags behind
 * does not cause the same write again; a static pod's status goes to its mirror pod (same name).
 */
public final class PodStatusWriter {
    private final KubernetesClient client;
    private final Map<String, PodStatus> written = new ConcurrentHashMap<>();

    public PodStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    void write(String key, Pod pod, PodStatus status) {
        if (Objects.equals(status, pod.getStatus()) || Objects.equals(status, written.get(key + "/" + pod.getMetadata().getUid()))) {
            return;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                        Serialization.asJson(Map.of("status", status)));
        written.put(key + "/" + pod.getMetadata().getUid(), status);
    }

    void forget(String key) {
        written.keySet().removeIf(k -> k.startsWith(key + "/"));
    }
}
