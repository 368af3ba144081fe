package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Map;

/**
 * The kubelet's last word on a deleted pod: DELETE with gracePeriodSeconds=0 and a uid precondition (so a
 * new pod by the same name is never hit), which lets the API server remove the object.
 */
public final class PodDeleter {
    private final KubernetesClient client;

    public PodDeleter(KubernetesClient client) {
        this.client = client;
    }

    void delete(Pod pod) {
        var m = pod.getMetadata();
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + m.getNamespace()
                + "/pods/" + m.getName();
        String body = Serialization.asJson(Map.of("kind", "DeleteOptions", "apiVersion", "v1", "gracePeriodSeconds", 0,
                "preconditions", Map.of("uid", m.getUid())));
        try {
            client.raw(url, "DELETE", Serialization.unmarshal(body, Map.class));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }
}
