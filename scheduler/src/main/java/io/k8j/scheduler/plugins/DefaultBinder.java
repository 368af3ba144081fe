package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k8j.scheduler.framework.BindPlugin;
import io.k8j.scheduler.framework.Status;

/**
 * POSTs a Binding to pods/{name}/binding. fabric8 has no DSL verb for that subresource (its
 * {@code bindings()} targets the legacy namespaced collection), so the request goes through the
 * client's own HTTP client, with its TLS and credentials.
 */
public final class DefaultBinder implements BindPlugin {
    public static final String NAME = "DefaultBinder";
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
        Binding binding = new BindingBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .withUid(pod.getMetadata().getUid()).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(nodeName).endTarget().build();
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + ns + "/pods/" + name + "/binding")
                .post("application/json", Serialization.asJson(binding)).build();
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
}
