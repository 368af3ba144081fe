package io.k8j.scheduler.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.k8j.scheduler.framework.BindPlugin;
import io.k8j.scheduler.framework.Status;

/**
 * POSTs a Binding to pods/{name}/binding. fabric8 has no DSL verb for that subresource (its
 * {@code bindings()} targets the legacy namespaced collection), so the request goes through the
 * client's own HTTP client, with its TLS and credentials. The Binding's JSON is written as a tree: the
 * fabric8 model's reflective serializer cost as much as the rest of the binding cycle.
 */
public final class DefaultBinder implements BindPlugin {
    public static final String NAME = "DefaultBinder";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KubernetesClient client;

    public DefaultBinder(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(Pod pod, String nodeName) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(apiRoot() + ns + "/pods/" + name + "/binding")
                .post("application/json", bindingJson(pod, nodeName)).build();
        try {
            HttpResponse<String> response = http.sendAsync(request, String.class).get();
            return response.isSuccessful() ? Status.SUCCESS
                    : Status.error("binding rejected: " + response.code() + " " + response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.error("binding interrupted");
        } catch (Exception e) {
            return Status.error("binding failed: " + e.getMessage());
        }
    }

    private String apiRoot() {
        String master = client.getMasterUrl().toString();
        return (master.endsWith("/") ? master.substring(0, master.length() - 1) : master) + "/api/v1/namespaces/";
    }

    /** A v1 Binding of the pod (by name and uid) to the node, as kube-scheduler posts it. */
    static String bindingJson(Pod pod, String nodeName) {
        ObjectNode binding = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Binding");
        ObjectNode metadata = binding.putObject("metadata")
                .put("name", pod.getMetadata().getName()).put("namespace", pod.getMetadata().getNamespace());
        if (pod.getMetadata().getUid() != null) {
            metadata.put("uid", pod.getMetadata().getUid());
        }
        binding.putObject("target").put("apiVersion", "v1").put("kind", "Node").put("name", nodeName);
        return binding.toString();
    }
}
